#include "ImporterRegistry.h"

#include "Sample.h"
#include "db/ExplainTextImporter.h"
#include "db/PgStatStatementsImporter.h"
#include "har/HarImporter.h"
#include "kube/K8sEventsJsonImporter.h"
#include "kube/K8sEventsTableImporter.h"
#include "kube/K8sHpaDescribeImporter.h"
#include "kube/K8sHpaJsonImporter.h"
#include "kube/K8sPodsJsonImporter.h"
#include "logs/TextLogImporter.h"
#include "metrics/CsvImporter.h"
#include "metrics/GrafanaCsvImporter.h"
#include "metrics/KubectlTopImporter.h"
#include "metrics/PrometheusJsonImporter.h"
#include "trace/ChromeTraceImporter.h"

namespace perfcase {

ImporterRegistry::ImporterRegistry()
{
    // Structured importers, one line each (their sniff order does not
    // matter: the most confident wins).
    m_structured.push_back(std::make_unique<CsvImporter>());
    m_structured.push_back(std::make_unique<GrafanaCsvImporter>());
    m_structured.push_back(std::make_unique<PrometheusJsonImporter>());
    m_structured.push_back(KubectlTopImporter::pods());
    m_structured.push_back(KubectlTopImporter::nodes());
    m_structured.push_back(std::make_unique<HarImporter>());
    m_structured.push_back(std::make_unique<ChromeTraceImporter>());
    m_structured.push_back(std::make_unique<K8sEventsJsonImporter>());
    m_structured.push_back(std::make_unique<K8sEventsTableImporter>());
    m_structured.push_back(std::make_unique<K8sHpaJsonImporter>());
    m_structured.push_back(std::make_unique<K8sHpaDescribeImporter>());
    m_structured.push_back(std::make_unique<K8sPodsJsonImporter>());
    m_structured.push_back(std::make_unique<PgStatStatementsImporter>());
    m_structured.push_back(std::make_unique<ExplainTextImporter>());

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
