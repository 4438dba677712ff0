#pragma once

#include <QString>
#include <optional>

namespace perfcase {

// Clock offsets as the user types and reads them: "+1.250 s", "-300ms",
// "2 min", "15us", "42ns"; a bare number is seconds. Parsed digit by digit so
// "1.001 s" is exactly 1,001,000,000 ns (a double would lose the last ns).
namespace ClockOffsetText {

std::optional<qint64> parse(const QString &text);
// "+1.25 s", "-0.0003 s", "0 s": seconds with the digits the value needs.
QString format(qint64 ns);

} // namespace ClockOffsetText
} // namespace perfcase
