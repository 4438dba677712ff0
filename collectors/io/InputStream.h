#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace perfcase {

// A byte stream from a file, decompressed on the fly when the file is gzip
// or bzip2 (detected by magic bytes, never by extension).
class InputStream
{
public:
    virtual ~InputStream() = default;

    // Reads up to size bytes; 0 means end of stream (or an error: see error()).
    virtual std::size_t read(char *buffer, std::size_t size) = 0;
    // Position in the file on disk, for progress.
    virtual std::uint64_t fileOffset() const = 0;
    // The compressed stream ended before its end marker (a cut download, a
    // file still being written): what came out so far is valid.
    bool truncated() const { return m_truncated; }
    // A hard error (I/O, corrupt compressed data), with the file offset.
    const std::string &error() const { return m_error; }
    std::uint64_t errorOffset() const { return m_errorOffset; }
    const std::string &compression() const { return m_compression; }
    std::uint64_t fileSize() const { return m_fileSize; }

    // Opens path; throws std::runtime_error when it cannot be opened.
    static std::unique_ptr<InputStream> open(const std::string &path);

protected:
    bool m_truncated = false;
    std::string m_error;
    std::uint64_t m_errorOffset = 0;
    std::string m_compression = "none";
    std::uint64_t m_fileSize = 0;
};

} // namespace perfcase
