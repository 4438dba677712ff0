#include "DecisionHeader.h"

#include "ChecklistSnapshot.h"
#include "ViewState.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStringList>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <cmath>

namespace perfcase {

DecisionHeader::DecisionHeader(QWidget *parent)
    : QWidget(parent), m_verdict(new QLabel(this)), m_confidenceText(new QLabel(this)),
      m_confidence(new QProgressBar(this)), m_reasoning(new QTextBrowser(this)),
      m_status(new QLabel(this))
{
    QFont big = m_verdict->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_verdict->setFont(big);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The number above a thin bar: text drawn inside a bar is cut in two
    // colours where the bar ends.
    m_confidence->setRange(0, 100);
    m_confidence->setTextVisible(false);
    m_confidence->setFixedHeight(m_confidence->fontMetrics().height() / 2);
    const QString why = tr("How much of the evidence agrees, weighed by how much of the "
                           "playbook could be checked");
    m_confidence->setToolTip(why);
    m_confidenceText->setToolTip(why);
    m_confidenceText->setAlignment(Qt::AlignCenter);
    const int width =
        m_confidenceText->fontMetrics().horizontalAdvance(tr("%1 % confidence").arg(100)) + 12;
    m_confidenceText->setFixedWidth(width);
    m_confidence->setFixedWidth(width);
    m_reasoning->setFrameShape(QFrame::NoFrame);
    m_reasoning->setOpenLinks(false);
    m_reasoning->viewport()->setBackgroundRole(QPalette::Window);
    m_reasoning->viewport()->setAutoFillBackground(false);
    m_reasoning->document()->setDocumentMargin(0);
    // Three lines at least; the splitter above the tree gives it more.
    m_reasoning->setMinimumHeight(m_reasoning->fontMetrics().lineSpacing() * 3);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto *confidence = new QVBoxLayout;
    confidence->setSpacing(2);
    confidence->addWidget(m_confidenceText);
    confidence->addWidget(m_confidence);
    auto *top = new QHBoxLayout;
    top->addWidget(m_verdict, 1);
    top->addLayout(confidence);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(m_reasoning, 1);
    layout->addWidget(m_status);
    showMessage(tr("No case open."));
}

void DecisionHeader::showDecision(const Playbook &playbook, const ChecklistSnapshot &snapshot,
                                  const ViewState &view)
{
    const Decision &decision = snapshot.result.decision;
    if (!snapshot.hasRun) {
        showMessage(tr("Not checked yet: Run checks (F5) runs the playbook over the case."));
        return;
    }
    const Hypothesis *hypothesis = playbook.hypothesis(decision.verdict);
    m_verdict->setText(hypothesis ? QString::fromStdString(hypothesis->title) : tr("Inconclusive"));
    const int percent = int(std::lround(decision.confidence * 100));
    m_confidence->setValue(percent);
    m_confidenceText->setText(tr("%1 % confidence").arg(percent));
    m_confidence->show();
    m_confidenceText->show();
    m_reasoning->setPlainText(QString::fromStdString(decision.reasoning));
    m_reasoning->setVisible(!decision.reasoning.empty());
    QStringList status;
    status << tr("Checked %1")
                  .arg(view.formatTime(snapshot.result.checkedAt, 0) + QLatin1Char(' ') +
                       view.zoneLabel(snapshot.result.checkedAt));
    if (!decision.uncheckedSteps.empty())
        status << tr("%n step(s) could not be checked", nullptr,
                     int(decision.uncheckedSteps.size()));
    if (snapshot.newerSources > 0)
        status << tr("%n source(s) imported since: Run checks (F5) to update", nullptr,
                     int(snapshot.newerSources));
    m_status->setText(status.join(QStringLiteral(" · ")));
    m_status->show();
}

void DecisionHeader::showMessage(const QString &text)
{
    m_verdict->setText(text);
    m_confidence->hide();
    m_confidence->setValue(0);
    m_confidenceText->hide();
    m_reasoning->clear();
    m_reasoning->hide();
    m_status->clear();
    m_status->hide();
}

QString DecisionHeader::verdictText() const
{
    return m_verdict->text();
}

QString DecisionHeader::reasoningText() const
{
    return m_reasoning->toPlainText();
}

int DecisionHeader::confidencePercent() const
{
    return m_confidence->value();
}

QString DecisionHeader::statusText() const
{
    return m_status->text();
}

} // namespace perfcase
