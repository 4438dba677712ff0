#pragma once

#include "LogFormat.h"

namespace perfcase {

// JSON lines (zap, structlog, bunyan, logrus, pino, python-json-logger, ECS,
// journald export): one object per line, the time in time/ts/timestamp/
// @timestamp/t (RFC 3339 text or epoch s/ms/µs/ns), the level in
// level/severity/lvl (words or bunyan numbers), the text in msg/message.
// Other fields follow the text as key=value, so nothing is lost to search.
class JsonLogFormat : public LogFormat
{
public:
    JsonLogFormat();
    std::unique_ptr<LineParser> makeParser() const override;
};

} // namespace perfcase
