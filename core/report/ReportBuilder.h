#pragma once

#include "playbook/Playbook.h"
#include "playbook/PlaybookResult.h"

#include <QImage>
#include <memory>
#include <string>
#include <vector>

namespace perfcase {

class FigureRenderer;
class QueryRunner;
class Redactor;

struct ReportFigure
{
    std::string name; // file name, e.g. "timeline.png"
    std::string caption;
    QImage image;
};

// A report: Markdown (the single source) and the figures it links.
struct Report
{
    std::string markdown;
    std::vector<ReportFigure> figures;
};

// Writes the report of a playbook run (DESIGN.md, Report): summary and
// hypothesis, reasoning, evidence, the timeline figure and per-step plots,
// signals checked, actions by cost, long-term changes, open questions, and
// the appendix (checklist, overrides, notes, annotations). Everything that
// comes from data is redacted, then escaped by MarkdownText; the words
// around it are the playbook's and ours. Runs on the GUI thread when a
// FigureRenderer is given (figures are drawn by widgets).
class ReportBuilder
{
public:
    ReportBuilder(std::string casePath, const Playbook &playbook, const PlaybookResult &result);
    ~ReportBuilder();

    // Without one, the report has no figures (and says so).
    void setFigureRenderer(FigureRenderer *renderer) { m_figures = renderer; }
    // Reports are redacted by default; nullptr writes data as it is.
    void setRedactor(const Redactor *redactor) { m_redactor = redactor; }
    // Figures are linked as assetPrefix + name ("report.assets/").
    void setAssetPrefix(std::string prefix) { m_assetPrefix = std::move(prefix); }

    Report build();

private:
    std::string data(std::string_view text, std::size_t maxBytes = 600) const;
    std::string time(std::optional<std::int64_t> ns) const;
    void header(std::string &md);
    void summary(std::string &md);
    void evidence(std::string &md, Report &report);
    void figure(std::string &md, Report &report);
    void signalsChecked(std::string &md);
    void actions(std::string &md);
    void questions(std::string &md);
    void appendix(std::string &md);
    QStringList tracksOf(const Step &step) const;

    std::string m_casePath;
    const Playbook &m_playbook;
    const PlaybookResult &m_result;
    std::unique_ptr<QueryRunner> m_runner;
    FigureRenderer *m_figures = nullptr;
    const Redactor *m_redactor = nullptr;
    std::string m_assetPrefix;
};

} // namespace perfcase
