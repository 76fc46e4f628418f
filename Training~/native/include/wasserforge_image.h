/* Wasserforge image decoding (stb_image): C ABI, part of libwasserforge_torch.
 * Returns 0 on success, -1 on failure (wf_last_error() holds stb's reason, prefixed "cannot decode: ").
 * No C++ exception crosses these functions. On success *rgba is width*height*4 bytes (rows top-down)
 * owned by the caller, who releases it with wf_image_free (null is ignored); on failure *rgba is null. */
#ifndef WASSERFORGE_IMAGE_H
#define WASSERFORGE_IMAGE_H
#include "wasserforge_torch.h"
#ifdef __cplusplus
extern "C" {
#endif
/* Decodes PNG (8/16-bit, gray, gray+alpha, palette, RGB, RGBA), JPEG, TGA or BMP to 8-bit RGBA. */
WF_API int wf_image_load(const char* path, int* width, int* height, int* channels_in_file, unsigned char** rgba);
WF_API int wf_image_load_memory(const unsigned char* data, int length, int* width, int* height, int* channels_in_file, unsigned char** rgba);
WF_API void wf_image_free(unsigned char* rgba);
#ifdef __cplusplus
}
#endif
#endif
