#pragma once

#include "io/InputStream.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace perfcase {

// Reads another stream on a second thread, a few chunks ahead, so that its
// cost (read(2), gunzip, the SHA-256 of HashingStream) overlaps with parsing
// instead of adding to it: on two cores a trace imports in about the time of
// its parse alone. The inner stream is touched by the reader thread only,
// until this object is destroyed (which stops and joins it).
class ReadAheadStream : public InputStream
{
public:
    static constexpr std::size_t kChunk = 1u << 20;
    static constexpr std::size_t kChunks = 4;

    explicit ReadAheadStream(InputStream &inner);
    ~ReadAheadStream() override;
    ReadAheadStream(const ReadAheadStream &) = delete;
    ReadAheadStream &operator=(const ReadAheadStream &) = delete;

    std::size_t read(char *buffer, std::size_t size) override;
    std::uint64_t fileOffset() const override { return m_fileOffset; }

private:
    struct Chunk
    {
        std::vector<char> bytes;
        std::size_t size = 0;
        std::uint64_t fileOffset = 0;
    };
    void readLoop();

    InputStream &m_inner;
    std::vector<Chunk> m_chunks;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::size_t m_filled = 0;   // chunks produced (index = count % kChunks)
    std::size_t m_consumed = 0; // chunks fully handed out
    bool m_ended = false;       // the reader saw the end (size 0)
    bool m_stop = false;
    std::size_t m_position = 0; // in the chunk being handed out
    std::uint64_t m_fileOffset = 0;
    std::thread m_thread;
};

} // namespace perfcase
