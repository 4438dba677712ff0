#include "RowPipeline.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace perfcase::RowPipeline {

namespace {

// Thrown inside the producer when the writing side has given up.
struct Abandoned
{
};

} // namespace

void run(const std::function<void(const Emit &)> &produce,
         const std::function<void(RowBatch &)> &apply)
{
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<RowBatch> queue;
    bool producing = true, abandoned = false;
    std::exception_ptr producerError;

    std::thread producer([&] {
        try {
            produce([&](RowBatch &&batch) {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return queue.size() < kQueued || abandoned; });
                if (abandoned) throw Abandoned{};
                queue.push_back(std::move(batch));
                changed.notify_all();
            });
        } catch (const Abandoned &) {
        } catch (...) {
            producerError = std::current_exception();
        }
        std::lock_guard lock(mutex);
        producing = false;
        changed.notify_all();
    });

    auto stopProducer = [&] {
        {
            std::lock_guard lock(mutex);
            abandoned = true;
            changed.notify_all();
        }
        producer.join();
    };
    try {
        for (;;) {
            RowBatch batch;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return !queue.empty() || !producing; });
                if (queue.empty()) break;
                batch = std::move(queue.front());
                queue.pop_front();
                changed.notify_all();
            }
            apply(batch);
        }
    } catch (...) {
        stopProducer();
        throw;
    }
    producer.join();
    if (producerError) std::rethrow_exception(producerError);
}

} // namespace perfcase::RowPipeline
