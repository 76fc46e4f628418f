/* Wasserforge image decoding (stb_image): C ABI of libwasserforge_torch, which since the trainer moved
 * to TorchSharp holds only this decoder (no libtorch) until the managed decoder replaces it.
 * Returns 0 on success, -1 on failure (wf_last_error() holds stb's reason, prefixed "cannot decode: ").
 * No C++ exception crosses these functions. On success *rgba is width*height*4 bytes (rows top-down)
 * owned by the caller, who releases it with wf_image_free (null is ignored); on failure *rgba is null. */
#ifndef WASSERFORGE_IMAGE_H
#define WASSERFORGE_IMAGE_H
#if defined(_WIN32)
#  define WF_API __declspec(dllexport)
#else
#  define WF_API __attribute__((visibility("default")))
#endif
#ifdef __cplusplus
extern "C" {
#endif
/* Decodes PNG (8/16-bit, gray, gray+alpha, palette, RGB, RGBA), JPEG, TGA or BMP to 8-bit RGBA. */
WF_API int wf_image_load(const char* path, int* width, int* height, int* channels_in_file, unsigned char** rgba);
WF_API int wf_image_load_memory(const unsigned char* data, int length, int* width, int* height, int* channels_in_file, unsigned char** rgba);
WF_API void wf_image_free(unsigned char* rgba);
/* The calling thread's last error message. */
WF_API const char* wf_last_error(void);
#ifdef __cplusplus
}
#endif
#endif
