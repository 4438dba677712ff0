#pragma once

#include "Playbook.h"
#include "PlaybookResult.h"

#include <functional>
#include <set>
#include <string>

namespace perfcase {

class QueryRunner;

// Runs a playbook's checks over a case (read-only, through the public views)
// and decides. Each step: its requirements (missing data -> inconclusive with
// what to import), its SQL (evidence rows), its facts and conditions (pass /
// fail / inconclusive), its text filled with the facts. Overrides stored in
// the case apply before the decision. Runs on any thread that owns the
// QueryRunner.
class PlaybookEngine
{
public:
    static constexpr int kEvidenceLimit = 200;

    explicit PlaybookEngine(QueryRunner &runner);

    // progress(done, total) after each step; returning false cancels, and
    // run() then throws Cancelled.
    using Progress = std::function<bool(int done, int total)>;
    PlaybookResult run(const Playbook &playbook, const Progress &progress = {});

    StepResult runStep(const Step &step);
    // The statement that computes a check's facts and conditions (for
    // checking a playbook's SQL without data).
    static std::string factsSql(const Check &check);
    std::vector<QuestionAnswer> answerQuestions(const Playbook &playbook);

    struct Cancelled : std::exception
    {
        const char *what() const noexcept override { return "cancelled"; }
    };

private:
    void loadAvailability();
    std::vector<std::string> missingFor(const Step &step) const;
    void readFacts(const Step &step, StepResult &result);
    void readEvidence(const Step &step, StepResult &result);
    void readOverrides(const Playbook &playbook, PlaybookResult &result);
    std::vector<Finding> findingsOf(const Playbook &playbook, const PlaybookResult &result) const;

    QueryRunner &m_runner;
    std::set<std::string> m_tracks, m_kinds, m_formats;
};

} // namespace perfcase
