// stb_image behind a C ABI. stb is C and reports failures through stbi_failure_reason().
#define STB_IMAGE_IMPLEMENTATION
#define STBI_FAILURE_USERMSG
#include <stb_image.h>
#include <exception>
#include <string>
#include "wasserforge_image.h"

namespace wf {
static thread_local std::string g_last_error;
static void set_error(const std::string& message) { g_last_error = message; }
}  // namespace wf

// Every entry point's body goes between WF_TRY and WF_CATCH: no C++ exception crosses the C ABI.
#define WF_TRY try {
#define WF_CATCH                                                          \
  }                                                                       \
  catch (const std::exception& e) { wf::set_error(e.what()); return -1; } \
  catch (...) { wf::set_error("unknown C++ exception"); return -1; }      \
  return 0;

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

const char* wf_last_error(void) { return wf::g_last_error.c_str(); }

}  // extern "C"
