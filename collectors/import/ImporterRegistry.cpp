#include "ImporterRegistry.h"

#include "Sample.h"
#include "logs/TextLogImporter.h"

namespace perfcase {

ImporterRegistry::ImporterRegistry()
{
    // Structured importers, one line each (their sniff order does not
    // matter: the most confident wins).

    for (const auto &format : m_logFormats.formats())
        m_logs.push_back(std::make_unique<TextLogImporter>(*format));
}

ImporterRegistry::~ImporterRegistry() = default;

const Importer *ImporterRegistry::find(std::string_view id) const
{
    for (const auto *list : {&m_structured, &m_logs}) {
        for (const auto &importer : *list) {
            if (importer->id() == id) return importer.get();
        }
    }
    return nullptr;
}

const Importer *ImporterRegistry::detect(const Sample &sample) const
{
    const Importer *best = nullptr;
    int bestScore = 0;
    for (const auto &importer : m_structured) {
        int score = importer->sniff(sample);
        if (score > bestScore) {
            best = importer.get();
            bestScore = score;
        }
    }
    if (bestScore >= 60) return best;
    if (auto detected = m_logFormats.detect(sample.lines)) return find(detected->format->id());
    return best;
}

std::vector<const Importer *> ImporterRegistry::all() const
{
    std::vector<const Importer *> list;
    for (const auto *group : {&m_structured, &m_logs}) {
        for (const auto &importer : *group)
            list.push_back(importer.get());
    }
    return list;
}

} // namespace perfcase
