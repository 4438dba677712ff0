#pragma once

#include "InputStream.h"
#include "Sha256.h"

namespace perfcase {

// Hands out the bytes of another stream and hashes each one on the way, so
// every importer feeds the content hash without knowing about it.
class HashingStream : public InputStream
{
public:
    explicit HashingStream(InputStream &inner) : m_inner(inner)
    {
        m_compression = inner.compression();
        m_fileSize = inner.fileSize();
    }

    std::size_t read(char *buffer, std::size_t size) override
    {
        std::size_t n = m_inner.read(buffer, size);
        m_hash.update(std::string_view(buffer, n));
        m_bytes += n;
        m_truncated = m_inner.truncated();
        m_error = m_inner.error();
        m_errorOffset = m_inner.errorOffset();
        return n;
    }
    std::uint64_t fileOffset() const override { return m_inner.fileOffset(); }

    std::string hex() { return m_hash.hex(); }
    // Decompressed bytes handed out so far.
    std::uint64_t bytesRead() const { return m_bytes; }

private:
    InputStream &m_inner;
    Sha256 m_hash;
    std::uint64_t m_bytes = 0;
};

} // namespace perfcase
