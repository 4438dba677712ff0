#pragma once

#include "Importer.h"
#include "logs/LogFormatRegistry.h"

#include <memory>
#include <string_view>
#include <vector>

namespace perfcase {

struct Sample;

// Every format Perfcase imports: the structured importers (metrics,
// Kubernetes, traces, HAR, database) and one text-log importer per log
// format. Detection asks the structured ones first; a sure answer (60+)
// wins, else the log formats compare their reading of the sample.
class ImporterRegistry
{
public:
    ImporterRegistry();
    ~ImporterRegistry();

    const Importer *find(std::string_view id) const;
    // nullptr when no format recognises the sample.
    const Importer *detect(const Sample &sample) const;
    std::vector<const Importer *> all() const;
    const LogFormatRegistry &logFormats() const { return m_logFormats; }

private:
    LogFormatRegistry m_logFormats;
    std::vector<std::unique_ptr<Importer>> m_structured;
    std::vector<std::unique_ptr<Importer>> m_logs;
};

} // namespace perfcase
