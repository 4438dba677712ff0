#pragma once

#include "Playbook.h"
#include "PlaybookResult.h"

namespace perfcase {

// The decision from the playbook's criteria over the step verdicts (with
// overrides applied). The first criterion that holds gives the verdict; its
// confidence weighs how much of the evidence agrees and how much of the
// playbook could be checked (docs/playbooks.md, "Decision"). The reasoning is
// assembled from the criterion's text and the steps' own filled-in texts:
// nothing is said that a step did not measure.
namespace DecisionMaker {
Decision decide(const Playbook &playbook, const PlaybookResult &result);
}

} // namespace perfcase
