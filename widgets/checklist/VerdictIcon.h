#pragma once

#include "playbook/PlaybookResult.h"

#include <QColor>
#include <QIcon>
#include <optional>

namespace perfcase {

// The checklist's verdict marks, drawn rather than taken from the style: a
// style's "ok/critical/question" icons differ per platform and some styles
// have none, while a green check, a red cross and an amber question mark
// read the same everywhere (and the shape, not only the colour, tells them
// apart). An override adds a small hand in the corner: "set by a person".
namespace VerdictIcon {

// std::nullopt: the step has not been checked yet (a hollow grey ring).
QIcon make(std::optional<Verdict> verdict, bool overridden = false);
QColor colour(std::optional<Verdict> verdict);

} // namespace VerdictIcon

} // namespace perfcase
