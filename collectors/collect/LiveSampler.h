#pragma once

#include "KubeCollector.h"

#include <chrono>
#include <map>

namespace perfcase {

// Live sampling (DESIGN.md): every interval, `kubectl top pods|nodes`, the
// HPAs and the events, each appended to one growing source per signal
// (SourceFolder), so the timeline grows while the user reproduces the
// problem. Each sample keeps its raw output; a failed sample is reported and
// the next one tried.
class LiveSampler
{
public:
    LiveSampler(Transport &transport, CaseFile &file, const ImporterRegistry &importers,
                KubeScope scope);

    // The collectors sampled, in order.
    static const std::vector<std::string> &signals();

    // One round of samples; each outcome is reported as the sample folded in.
    void sampleOnce(const CancelToken &token, const KubeCollector::OutcomeFn &onOutcome);

    // Samples until duration has passed or the token is cancelled (which
    // ends sampling normally: what was sampled stays).
    void run(std::chrono::seconds duration, std::chrono::seconds interval, const CancelToken &token,
             const KubeCollector::OutcomeFn &onOutcome);

    int samples() const { return m_samples; }
    // The growing source of a signal, once it has one.
    std::int64_t sourceOf(const std::string &signal) const;

private:
    Transport &m_transport;
    CaseFile &m_file;
    KubeScope m_scope;
    KubeCollector m_collector;
    std::map<std::string, std::int64_t> m_sources; // signal -> growing source
    int m_samples = 0;
    std::chrono::seconds m_interval{5};
};

} // namespace perfcase
