#include "ImportProgressWidget.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>
#include <algorithm>

namespace perfcase {

namespace {
constexpr int kScale = 1000;
} // namespace

ImportProgressWidget::ImportProgressWidget(QWidget *parent)
    : QWidget(parent), m_icon(new QLabel(this)), m_label(new QLabel(this)),
      m_bar(new QProgressBar(this)), m_cancel(new QToolButton(this)),
      m_details(new QToolButton(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_icon);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    layout->addWidget(m_details);

    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(iconSize));
    // Long file names and summaries are elided, not allowed to push the
    // rest of the status bar away.
    m_label->setMaximumWidth(fontMetrics().averageCharWidth() * 72);
    m_label->setTextFormat(Qt::PlainText);
    m_bar->setRange(0, kScale);
    m_bar->setFixedWidth(fontMetrics().averageCharWidth() * 24);
    m_bar->setTextVisible(true);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the import: the file in progress is rolled back, finished "
                            "files stay in the case"));
    m_details->setText(tr("Details…"));
    m_details->setToolTip(tr("How each file went"));
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        setText(tr("Cancelling…"));
        Q_EMIT cancelRequested();
    });
    connect(m_details, &QToolButton::clicked, this, &ImportProgressWidget::detailsRequested);
    start();
}

void ImportProgressWidget::start()
{
    m_running = true;
    m_fileName.clear();
    m_fileIndex = 0;
    m_fileCount = 0;
    m_bar->setValue(0);
    m_icon->hide();
    m_details->hide();
    m_bar->show();
    m_cancel->show();
    m_cancel->setEnabled(true);
    updateLabel();
}

void ImportProgressWidget::setProgress(int fileIndex, int fileCount, qint64 done, qint64 total)
{
    if (!m_running || fileCount <= 0) return;
    if (fileIndex != m_fileIndex || fileCount != m_fileCount) {
        m_fileIndex = fileIndex;
        m_fileCount = fileCount;
        updateLabel();
    }
    // Files count equally, whatever their size: the batch does not know the
    // sizes of the files to come.
    const double inFile = total > 0 ? std::clamp(double(done) / double(total), 0.0, 1.0) : 0.0;
    m_bar->setValue(int((fileIndex + inFile) / fileCount * kScale));
}

void ImportProgressWidget::setCurrentFile(int fileIndex, int fileCount, const QString &path)
{
    if (!m_running) return;
    m_fileIndex = fileIndex;
    m_fileCount = fileCount;
    m_fileName = QFileInfo(path).fileName();
    updateLabel();
}

void ImportProgressWidget::setCurrentItem(int index, int count, const QString &name)
{
    if (!m_running) return;
    m_fileIndex = index;
    m_fileCount = count;
    m_fileName = name;
    if (count > 0) m_bar->setValue(int(double(index) / count * kScale));
    updateLabel();
}

void ImportProgressWidget::setActivity(const QString &verb, bool busy)
{
    m_activity = verb;
    m_bar->setRange(0, busy ? 0 : kScale);
    updateLabel();
}

void ImportProgressWidget::finish(const QString &summary, bool problems)
{
    m_running = false;
    m_bar->hide();
    m_cancel->hide();
    m_icon->setVisible(problems);
    m_details->show();
    setText(summary);
}

void ImportProgressWidget::updateLabel()
{
    if (!m_cancel->isEnabled()) return; // keep "Cancelling…" until the job is over
    const QString verb = m_activity.isEmpty() ? tr("Importing") : m_activity;
    if (m_fileCount == 0 && m_fileName.isEmpty())
        setText(tr("%1…").arg(verb));
    else if (m_fileCount == 0)
        setText(tr("%1 %2").arg(verb, m_fileName));
    else if (m_fileName.isEmpty())
        setText(tr("%1 file %2 of %3").arg(verb).arg(m_fileIndex + 1).arg(m_fileCount));
    else
        setText(tr("%1 %2 (%3 of %4)")
                    .arg(verb, m_fileName, QString::number(m_fileIndex + 1),
                         QString::number(m_fileCount)));
}

void ImportProgressWidget::setText(const QString &text)
{
    m_text = text;
    m_label->setToolTip(text);
    m_label->setText(
        m_label->fontMetrics().elidedText(text, Qt::ElideMiddle, m_label->maximumWidth()));
}

QString ImportProgressWidget::text() const
{
    return m_text;
}

int ImportProgressWidget::value() const
{
    return m_bar->value();
}

} // namespace perfcase
