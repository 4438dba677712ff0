#pragma once

#include "Playbook.h"

#include <stdexcept>
#include <string>

namespace perfcase {

// A playbook file that cannot be used: the message names the file and, where
// it can, the step ("import-lag.json: step 'hpa-at-max': ...").
class PlaybookError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// Reads a playbook file: JSON, checked against the bundled JSON Schema, then
// against the rules a schema cannot say (ids unique, references resolve).
namespace PlaybookLoader {
Playbook load(const std::string &path);
// `name` is what errors call the file (its path, or a resource name).
Playbook parse(const std::string &json, const std::string &name);
} // namespace PlaybookLoader

} // namespace perfcase
