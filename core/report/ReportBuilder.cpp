#include "ReportBuilder.h"

#include "FigureRenderer.h"
#include "MarkdownText.h"
#include "QueryRunner.h"
#include "Redactor.h"
#include "TimeUtil.h"
#include "playbook/TextTemplate.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace perfcase {

namespace {

const char *verdictLabel(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return "pass";
    case Verdict::Fail:
        return "**fail**";
    case Verdict::Inconclusive:
        break;
    }
    return "inconclusive";
}

std::string percent(double ratio)
{
    return std::to_string(int(std::lround(ratio * 100))) + " %";
}

// The sections are separated by one blank line; Markdown needs it.
void paragraph(std::string &md, const std::string &text)
{
    md += text;
    md += "\n\n";
}

} // namespace

ReportBuilder::ReportBuilder(std::string casePath, const Playbook &playbook,
                             const PlaybookResult &result)
    : m_casePath(std::move(casePath)), m_playbook(playbook), m_result(result),
      m_runner(std::make_unique<QueryRunner>(m_casePath))
{}

ReportBuilder::~ReportBuilder() = default;

std::string ReportBuilder::data(std::string_view text, std::size_t maxBytes) const
{
    if (!m_redactor) return MarkdownText::escape(text, maxBytes);
    return MarkdownText::escape(m_redactor->redact(text), maxBytes);
}

std::string ReportBuilder::time(std::optional<std::int64_t> ns) const
{
    if (!ns) return "—";
    // To the millisecond: a report is read by people, not diffed.
    return formatRfc3339(*ns / 1000000 * 1000000);
}

Report ReportBuilder::build()
{
    Report report;
    std::string &md = report.markdown;
    header(md);
    summary(md);
    evidence(md, report);
    figure(md, report);
    signalsChecked(md);
    actions(md);
    questions(md);
    appendix(md);
    return report;
}

void ReportBuilder::header(std::string &md)
{
    std::string title, authors;
    Statement meta =
        m_runner->prepare("SELECT key, value FROM v_meta WHERE key IN ('title', 'created_by')");
    while (meta.step()) {
        if (meta.text(0) == "title") title = meta.text(1);
        if (meta.text(0) == "created_by") authors = meta.text(1);
    }
    // Authors: whoever created the case, wrote notes, overrides or annotations.
    std::set<std::string> names;
    if (!authors.empty()) names.insert(authors);
    Statement people = m_runner->prepare(
        "SELECT author FROM v_notes UNION SELECT author FROM v_checklist WHERE author IS NOT NULL "
        "UNION SELECT author FROM v_annotations WHERE author IS NOT NULL");
    while (people.step())
        if (!people.isNull(0) && !people.text(0).empty()) names.insert(people.text(0));
    std::string authorList;
    for (const auto &name : names)
        authorList += (authorList.empty() ? "" : ", ") + data(name, 100);

    Statement range = m_runner->prepare(
        "SELECT min(first_ts), max(last_ts) FROM v_sources WHERE clock_domain = 'wall' OR "
        "clock_origin <> 'none'");
    range.step();
    md += "# " + data(title.empty() ? std::string("Perfcase case") : title, 200) + "\n\n";
    paragraph(md, "**" + MarkdownText::escape(m_playbook.title) + "**");
    md += "- **Case time range:** " + time(range.optionalInt64(0)) + " to " +
          time(range.optionalInt64(1)) + " (UTC)\n";
    md += "- **Authors:** " + (authorList.empty() ? std::string("—") : authorList) + "\n";
    md += "- **Playbook:** " + MarkdownText::code(m_playbook.id) + " version " +
          std::to_string(m_playbook.version) + "\n";
    md += "- **Checked at:** " + time(m_result.checkedAt) + "\n\n";
}

void ReportBuilder::summary(std::string &md)
{
    const Decision &decision = m_result.decision;
    md += "## Summary\n\n";
    const Hypothesis *hypothesis = m_playbook.hypothesis(decision.verdict);
    int fails = 0, passes = 0, open = 0;
    for (const auto &step : m_result.steps) {
        switch (step.verdict()) {
        case Verdict::Fail:
            ++fails;
            break;
        case Verdict::Pass:
            ++passes;
            break;
        case Verdict::Inconclusive:
            ++open;
            break;
        }
    }
    if (hypothesis)
        paragraph(md, "**Primary hypothesis: " + MarkdownText::escape(hypothesis->title) + "** (" +
                          MarkdownText::code(decision.verdict) + "), confidence " +
                          percent(decision.confidence) + ".");
    else
        paragraph(md, "**Primary hypothesis: none** — the evidence is inconclusive.");
    paragraph(md, std::to_string(m_result.steps.size()) + " checks: " + std::to_string(fails) +
                      " found a problem, " + std::to_string(passes) + " passed, " +
                      std::to_string(open) + " could not be decided.");
    md += "## Root-cause reasoning\n\n";
    // The reasoning is assembled from the playbook's texts filled with data:
    // escaped as data, paragraph breaks kept.
    std::string reasoning = decision.reasoning;
    std::size_t start = 0;
    while (start <= reasoning.size()) {
        std::size_t end = reasoning.find("\n\n", start);
        std::string part =
            reasoning.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!part.empty()) paragraph(md, data(part, 4000));
        if (end == std::string::npos) break;
        start = end + 2;
    }
}

QStringList ReportBuilder::tracksOf(const Step &step) const
{
    QStringList names;
    for (const auto &requirement : step.requires_)
        if (!requirement.track.empty()) names << QString::fromStdString(requirement.track);
    return names;
}

void ReportBuilder::evidence(std::string &md, Report &report)
{
    md += "## Evidence\n\n";
    bool any = false;
    int plot = 0;
    for (const Step *step : m_playbook.steps()) {
        const StepResult *result = m_result.step(step->id);
        if (!result || result->verdict() != Verdict::Fail) continue;
        any = true;
        md += "- **" + MarkdownText::escape(step->title) + "**: " + data(result->summary, 1000);
        std::optional<std::int64_t> first, last;
        for (const auto &row : result->evidence) {
            if (!row.ts) continue;
            first = first ? std::min(*first, *row.ts) : *row.ts;
            last = std::max(last.value_or(*row.ts), row.end.value_or(*row.ts));
        }
        if (first) md += " (" + time(first) + " to " + time(last) + ")";
        if (result->override)
            md += " *Set by hand by " + data(result->override->author, 100) + ": " +
                  data(result->override->justification, 600) + "*";
        md += "\n";
        int shown = 0;
        for (const auto &row : result->evidence) {
            if (++shown > 3) break;
            md +=
                "  - " + (row.ts ? time(row.ts) + " " : std::string()) + data(row.text, 300) + "\n";
        }
        if (result->evidenceRows > 3)
            md += "  - … " + std::to_string(result->evidenceRows - 3) + " more row(s)\n";
        if (m_figures && first && plot < 6) {
            FigureRequest request;
            request.trackNames = tracksOf(*step);
            // A single moment is shown with a minute around it.
            std::int64_t span = *last - *first >= 1'000'000'000 ? *last - *first : 60'000'000'000;
            std::int64_t middle = *first + (*last - *first) / 2;
            request.from =
                (*last - *first >= 1'000'000'000 ? *first : middle - span / 2) - span / 10;
            request.to = (*last - *first >= 1'000'000'000 ? *last : middle + span / 2) + span / 10;
            request.width = 1400;
            for (const auto &row : result->evidence)
                if (row.ts && row.end) request.highlights.emplace_back(*row.ts, *row.end);
            QImage image = m_figures->render(QString::fromStdString(m_casePath), request);
            if (!image.isNull()) {
                std::string name = "step-" + step->id + ".png";
                // The alt text is one plain word: Qt's Markdown reader inserts
                // the image once per text run of the alt text (escapes split it).
                md += "\n  ![" + step->id + "](" + m_assetPrefix + name + ")\n";
                report.figures.push_back({name, step->title, image});
                ++plot;
            }
        }
    }
    if (!any) md += "No check found a problem.\n";
    md += "\n";
}

void ReportBuilder::figure(std::string &md, Report &report)
{
    md += "## Timeline\n\n";
    if (!m_figures) {
        paragraph(md, "*(No figure: the report was written without a display renderer.)*");
        return;
    }
    // The lanes of the failing steps, over the lag window when the case has
    // one, else over their evidence.
    FigureRequest request;
    std::set<QString> seen;
    std::optional<std::int64_t> from, to;
    for (const Step *step : m_playbook.steps()) {
        const StepResult *result = m_result.step(step->id);
        if (!result || result->verdict() != Verdict::Fail) continue;
        for (const auto &name : tracksOf(*step))
            if (seen.insert(name).second) request.trackNames << name;
        for (const auto &row : result->evidence) {
            if (!row.ts) continue;
            from = from ? std::min(*from, *row.ts) : *row.ts;
            to = std::max(to.value_or(*row.ts), row.end.value_or(*row.ts));
        }
    }
    Statement windows = m_runner->prepare("SELECT ts, end_ts FROM v_lag_windows ORDER BY ts");
    std::optional<std::int64_t> lagFrom, lagTo;
    while (windows.step()) {
        request.highlights.emplace_back(windows.int64(0), windows.int64(1));
        lagFrom = lagFrom ? std::min(*lagFrom, windows.int64(0)) : windows.int64(0);
        lagTo = std::max(lagTo.value_or(windows.int64(1)), windows.int64(1));
    }
    if (lagFrom) {
        from = lagFrom;
        to = lagTo;
    }
    if (request.trackNames.isEmpty() || !from) {
        paragraph(md, "*(No figure: no failing check has timed evidence.)*");
        return;
    }
    std::int64_t span = std::max<std::int64_t>(*to - *from, 2'000'000'000);
    request.from = *from - span / 20;
    request.to = *to + span / 20;
    QImage image = m_figures->render(QString::fromStdString(m_casePath), request);
    if (image.isNull()) {
        paragraph(md, "*(No figure: the tracks could not be drawn.)*");
        return;
    }
    report.figures.push_back({"timeline.png", "Timeline", image});
    paragraph(md, "![timeline](" + m_assetPrefix + "timeline.png)");
    paragraph(md, "*The lanes of the failing checks from " + time(request.from) + " to " +
                      time(request.to) + (lagFrom ? "; shaded: the lag windows" : "") + ".*");
}

void ReportBuilder::signalsChecked(std::string &md)
{
    md += "## Signals checked\n\n";
    md += "| Source | Kind | Format | Origin | Imported at | Records |\n";
    md += "|---|---|---|---|---|---|\n";
    Statement sources = m_runner->prepare(
        "SELECT id, name, kind, format, origin, imported_at, records, rejected FROM v_sources "
        "ORDER BY id");
    int count = 0;
    while (sources.step()) {
        ++count;
        std::string records = std::to_string(sources.int64(6));
        if (sources.int64(7) > 0) records += " (" + std::to_string(sources.int64(7)) + " rejected)";
        md += "| #" + std::to_string(sources.int64(0)) + " " + data(sources.text(1), 200) + " | " +
              sources.text(2) + " | " + MarkdownText::escape(sources.text(3)) + " | " +
              data(sources.text(4), 300) + " | " + time(sources.int64(5)) + " | " + records +
              " |\n";
    }
    if (count == 0) md += "| — | | | | | |\n";
    md += "\n";
}

void ReportBuilder::actions(std::string &md)
{
    const std::string &verdict = m_result.decision.verdict;
    bool decided = verdict != "inconclusive";
    // Mitigations unlocked by failing steps, for the verdict, cheapest first.
    std::vector<std::pair<const Mitigation *, std::vector<std::string>>> chosen;
    for (const auto &mitigation : m_playbook.mitigations) {
        bool forVerdict = !decided || std::count(mitigation.forHypotheses.begin(),
                                                 mitigation.forHypotheses.end(), verdict);
        if (!forVerdict) continue;
        std::vector<std::string> because;
        for (const Step *step : m_playbook.steps()) {
            const StepResult *result = m_result.step(step->id);
            if (result && result->verdict() == Verdict::Fail &&
                std::count(step->unlocks.begin(), step->unlocks.end(), mitigation.id))
                because.push_back(step->title);
        }
        if (!because.empty()) chosen.emplace_back(&mitigation, because);
    }
    std::stable_sort(chosen.begin(), chosen.end(),
                     [](const auto &a, const auto &b) { return a.first->cost < b.first->cost; });
    md += "## Immediate actions (lowest cost first)\n\n";
    int number = 0;
    for (const auto &[mitigation, because] : chosen) {
        md += std::to_string(++number) + ". **" + MarkdownText::escape(mitigation->title) +
              "** (cost " + std::to_string(mitigation->cost) + " of 5)";
        if (!mitigation->detail.empty())
            md += ": " + MarkdownText::escape(mitigation->detail, 2000);
        std::string reasons;
        for (const auto &title : because)
            reasons += (reasons.empty() ? "" : "; ") + MarkdownText::escape(title);
        md += " *Why: " + reasons + ".*\n";
    }
    if (chosen.empty()) md += "No action follows from the failing checks.\n";
    md += "\n## Long-term changes\n\n";
    int longTerm = 0;
    for (const auto &fix : m_playbook.longTerm) {
        if (decided && !std::count(fix.forHypotheses.begin(), fix.forHypotheses.end(), verdict))
            continue;
        ++longTerm;
        md += "- " + MarkdownText::escape(fix.title) +
              (fix.detail.empty() ? "" : ": " + MarkdownText::escape(fix.detail, 2000)) + "\n";
    }
    if (longTerm == 0) md += "None for this verdict.\n";
    md += "\n";
}

void ReportBuilder::questions(std::string &md)
{
    md += "## Open questions\n\n";
    int open = 0;
    for (const auto &question : m_result.questions)
        if (!question.answer) {
            ++open;
            md += "- " + MarkdownText::escape(question.text) + "\n";
        }
    // Questions the playbook's checks left open: the steps without data.
    for (const auto &step : m_result.steps)
        if (step.verdict() == Verdict::Inconclusive && !step.missing.empty()) {
            ++open;
            md += "- " + MarkdownText::escape(m_playbook.step(step.stepId)->title) +
                  "? Not checked: import " + data(step.missing.front(), 400) + ".\n";
        }
    if (open == 0) md += "None: the data answered every question.\n";
    md += "\n";
    bool answered = false;
    for (const auto &question : m_result.questions) {
        if (!question.answer) continue;
        if (!answered) md += "### Answered from the data\n\n";
        answered = true;
        md += "- **" + MarkdownText::escape(question.text) + "** " + data(*question.answer, 1000) +
              "\n";
    }
    if (answered) md += "\n";
}

void ReportBuilder::appendix(std::string &md)
{
    md += "## Appendix\n\n### Checklist\n\n";
    md += "| Section | Check | Verdict | Result |\n|---|---|---|---|\n";
    for (const auto &section : m_playbook.sections)
        for (const auto &step : section.steps) {
            const StepResult *result = m_result.step(step.id);
            std::string verdict = verdictLabel(result->verdict());
            if (result->override)
                verdict += " (by hand; automatic: " + verdictName(result->autoVerdict) + ")";
            md += "| " + MarkdownText::escape(section.title) + " | " +
                  MarkdownText::escape(step.title) + " | " + verdict + " | " +
                  data(result->summary, 600) + " |\n";
        }
    md += "\n### Overrides\n\n";
    Statement overrides = m_runner->prepare(
        "SELECT step, user_verdict, justification, author, decided_at FROM v_checklist WHERE "
        "playbook = ?1 AND user_verdict IS NOT NULL ORDER BY decided_at, id");
    overrides.bind(1, m_playbook.id);
    int count = 0;
    while (overrides.step()) {
        ++count;
        md += "- " + time(overrides.int64(4)) + " " + MarkdownText::code(overrides.text(0)) +
              " set to " + MarkdownText::code(overrides.text(1)) + " by " +
              data(overrides.optionalText(3).value_or("unknown"), 100) + ": " +
              data(overrides.optionalText(2).value_or(""), 1000) + "\n";
    }
    if (count == 0) md += "None.\n";
    md += "\n### Notes\n\n";
    Statement notes = m_runner->prepare("SELECT step, author, created_at, text FROM v_notes WHERE "
                                        "playbook = ?1 ORDER BY created_at, id");
    notes.bind(1, m_playbook.id);
    count = 0;
    while (notes.step()) {
        ++count;
        md += "- " + time(notes.int64(2)) + " " + MarkdownText::code(notes.text(0)) + ", " +
              data(notes.optionalText(1).value_or("unknown"), 100) + ": " +
              data(notes.text(3), 2000) + "\n";
    }
    if (count == 0) md += "None.\n";
    md += "\n### Annotations\n\n";
    Statement annotations =
        m_runner->prepare("SELECT ts, end_ts, author, text FROM v_annotations ORDER BY ts, id");
    count = 0;
    while (annotations.step()) {
        ++count;
        md += "- " + time(annotations.int64(0)) +
              (annotations.isNull(1) ? std::string() : " to " + time(annotations.int64(1))) + ", " +
              data(annotations.optionalText(2).value_or("unknown"), 100) + ": " +
              data(annotations.text(3), 2000) + "\n";
    }
    if (count == 0) md += "None.\n";
}

} // namespace perfcase
