#include "ReadAheadStream.h"

#include <algorithm>
#include <cstring>

namespace perfcase {

ReadAheadStream::ReadAheadStream(InputStream &inner) : m_inner(inner), m_chunks(kChunks)
{
    m_compression = inner.compression();
    m_fileSize = inner.fileSize();
    for (Chunk &chunk : m_chunks)
        chunk.bytes.resize(kChunk);
    m_thread = std::thread([this] { readLoop(); });
}

ReadAheadStream::~ReadAheadStream()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

void ReadAheadStream::readLoop()
{
    for (std::size_t produced = 0;; ++produced) {
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] { return m_stop || produced - m_consumed < kChunks; });
            if (m_stop) return;
        }
        // The slot is ours until it is published: no lock while reading.
        Chunk &chunk = m_chunks[produced % kChunks];
        try {
            chunk.size = m_inner.read(chunk.bytes.data(), chunk.bytes.size());
        } catch (...) {
            // InputStream reports errors, it does not throw; should one ever
            // escape here, end the stream rather than the process.
            chunk.size = 0;
        }
        chunk.fileOffset = m_inner.fileOffset();
        {
            std::lock_guard lock(m_mutex);
            m_filled = produced + 1;
            if (chunk.size == 0) m_ended = true;
        }
        m_changed.notify_all();
        if (chunk.size == 0) return;
    }
}

std::size_t ReadAheadStream::read(char *buffer, std::size_t size)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_filled > m_consumed; });
    Chunk &chunk = m_chunks[m_consumed % kChunks];
    if (chunk.size == 0) {
        // The end: the inner stream's verdict is final now (its thread is done with it).
        m_truncated = m_inner.truncated();
        m_error = m_inner.error();
        m_errorOffset = m_inner.errorOffset();
        return 0;
    }
    lock.unlock();
    const std::size_t n = std::min(size, chunk.size - m_position);
    std::memcpy(buffer, chunk.bytes.data() + m_position, n);
    m_position += n;
    m_fileOffset = chunk.fileOffset;
    if (m_position == chunk.size) {
        m_position = 0;
        lock.lock();
        ++m_consumed;
        lock.unlock();
        m_changed.notify_all();
    }
    return n;
}

} // namespace perfcase
