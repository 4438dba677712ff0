#include "LiveSampler.h"

#include "CaseFile.h"
#include "SourceFolder.h"
#include "transport/Transport.h"

#include <thread>

namespace perfcase {

LiveSampler::LiveSampler(Transport &transport, CaseFile &file, const ImporterRegistry &importers,
                         KubeScope scope)
    : m_transport(transport), m_file(file), m_scope(std::move(scope)),
      m_collector(transport, file, importers)
{}

const std::vector<std::string> &LiveSampler::signals()
{
    static const std::vector<std::string> ids = {"top-pods", "top-nodes", "hpa-json",
                                                 "events-json"};
    return ids;
}

std::int64_t LiveSampler::sourceOf(const std::string &signal) const
{
    const auto found = m_sources.find(signal);
    return found == m_sources.end() ? 0 : found->second;
}

void LiveSampler::sampleOnce(const CancelToken &token, const KubeCollector::OutcomeFn &onOutcome)
{
    std::vector<KubeCollector::Request> requests;
    for (const auto &signal : signals())
        requests.push_back({signal, m_scope});
    auto fold = [&](const CollectOutcome &sampled) {
        CollectOutcome outcome = sampled;
        if (outcome.status == CollectOutcome::Status::Imported) {
            const std::string &signal = outcome.command.collector;
            const std::int64_t sample = outcome.import.sourceId;
            auto [into, first] = m_sources.emplace(signal, sample);
            if (first) {
                SourceFolder::describe(m_file.db(), sample, "live " + outcome.command.sourceName,
                                       "every " + std::to_string(m_interval.count()) +
                                           " s: " + outcome.target + ": " + outcome.commandText);
            } else {
                SourceFolder::fold(m_file.db(), sample, into->second);
                outcome.import.sourceId = into->second;
            }
        }
        if (onOutcome) onOutcome(outcome);
    };
    m_collector.collect(requests, token, fold);
    ++m_samples;
}

void LiveSampler::run(std::chrono::seconds duration, std::chrono::seconds interval,
                      const CancelToken &token, const KubeCollector::OutcomeFn &onOutcome)
{
    using Clock = std::chrono::steady_clock;
    m_interval = interval;
    const auto end = Clock::now() + duration;
    auto next = Clock::now();
    try {
        while (Clock::now() < end && !token.isCancelled()) {
            sampleOnce(token, onOutcome);
            next += interval;
            while (Clock::now() < next && Clock::now() < end && !token.isCancelled())
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    } catch (const Cancelled &) {
        // Stopping is the normal end of live sampling; the sample being
        // taken rolled back, the ones before stay.
    }
}

} // namespace perfcase
