#pragma once

#include "playbook/Playbook.h"
#include "playbook/PlaybookResult.h"

#include <nlohmann/json.hpp>
#include <string>

namespace perfcase {

// The shapes `perfcase playbooks` and `perfcase check` print (CLI.md).
namespace CheckOutput {
nlohmann::json playbookJson(const Playbook &playbook);
nlohmann::json resultJson(const Playbook &playbook, const PlaybookResult &result);
std::string resultText(const Playbook &playbook, const PlaybookResult &result);
} // namespace CheckOutput

} // namespace perfcase
