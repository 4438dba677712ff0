#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace perfcase {

// gzip (RFC 1952) of a buffer, for blobs: any gzip tool reads them back.
std::string gzipCompress(std::string_view data);

// The bytes of a gzip buffer (several members in a row read as one, as
// `gzip -d` does). Throws std::runtime_error for data that is not gzip, is
// cut short, or would grow past maxBytes.
std::string gzipDecompress(std::string_view data, std::size_t maxBytes);

} // namespace perfcase
