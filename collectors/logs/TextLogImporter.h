#pragma once

#include "LogFormat.h"
#include "import/Importer.h"

namespace perfcase {

// A text log format (resources/formats/*.json, JSON lines) as an Importer:
// streams lines through LogImporter under DESIGN.md's text log rules.
class TextLogImporter : public Importer
{
public:
    explicit TextLogImporter(const LogFormat &format) : m_format(format) {}

    std::string id() const override { return m_format.id(); }
    std::string kind() const override { return "log"; }
    std::string title() const override { return m_format.title(); }
    // This format's share of timed record starts in the sample, scaled to 50:
    // text formats never outbid a structured format that is sure.
    int sniff(const Sample &sample) const override;
    ImporterResult run(ImportContext &context) const override;
    bool usesYear() const override { return !m_format.hasYear(); }

private:
    const LogFormat &m_format;
};

} // namespace perfcase
