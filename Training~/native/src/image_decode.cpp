// stb_image behind a C ABI. stb is C and reports failures through stbi_failure_reason().
#define STB_IMAGE_IMPLEMENTATION
#define STBI_FAILURE_USERMSG
#include <stb_image.h>
#include <string>
#include "shim.h"
#include "wasserforge_image.h"

static int decoded(unsigned char* p, unsigned char** rgba) {
  if (p == nullptr) {
    const char* why = stbi_failure_reason();
    wf::set_error(std::string("cannot decode: ") + (why ? why : "unknown format"));
    return -1;
  }
  *rgba = p;
  return 0;
}

extern "C" {

int wf_image_load(const char* path, int* width, int* height, int* channels_in_file, unsigned char** rgba) {
  WF_TRY
  if (rgba == nullptr || width == nullptr || height == nullptr || channels_in_file == nullptr) { wf::set_error("null output pointer"); return -1; }
  *rgba = nullptr;
  if (path == nullptr) { wf::set_error("cannot decode: no path"); return -1; }
  if (decoded(stbi_load(path, width, height, channels_in_file, 4), rgba) != 0) return -1;
  WF_CATCH
}

int wf_image_load_memory(const unsigned char* data, int length, int* width, int* height, int* channels_in_file, unsigned char** rgba) {
  WF_TRY
  if (rgba == nullptr || width == nullptr || height == nullptr || channels_in_file == nullptr) { wf::set_error("null output pointer"); return -1; }
  *rgba = nullptr;
  if (data == nullptr || length <= 0) { wf::set_error("cannot decode: empty input"); return -1; }
  if (decoded(stbi_load_from_memory(data, length, width, height, channels_in_file, 4), rgba) != 0) return -1;
  WF_CATCH
}

void wf_image_free(unsigned char* rgba) { if (rgba != nullptr) stbi_image_free(rgba); }

}  // extern "C"
