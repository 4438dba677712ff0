#pragma once

#include <string>
#include <string_view>

namespace perfcase {

// gzip (RFC 1952) of a buffer, for blobs: any gzip tool reads them back.
std::string gzipCompress(std::string_view data);

} // namespace perfcase
