#include "PrometheusDialog.h"

#include "prometheus/PrometheusCollector.h"
#include "prometheus/PrometheusStep.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

namespace perfcase {

namespace {

constexpr qint64 kNsPerMs = 1'000'000;

QDateTimeEdit *timeEdit(qint64 ns)
{
    auto *edit = new QDateTimeEdit(QDateTime::fromMSecsSinceEpoch(ns / kNsPerMs, QTimeZone::utc()));
    edit->setTimeSpec(Qt::UTC);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    edit->setCalendarPopup(true);
    return edit;
}

qint64 nsOf(const QDateTimeEdit *edit)
{
    return edit->dateTime().toMSecsSinceEpoch() * kNsPerMs;
}

} // namespace

PrometheusDialog::PrometheusDialog(const QString &url,
                                   const std::vector<SuggestedQuery> &suggestions,
                                   const QStringList &unfilledFields, qint64 start, qint64 end,
                                   int plotPixels, QWidget *parent)
    : QDialog(parent), m_suggestionList(suggestions), m_pixels(std::max(plotPixels, 100)),
      m_url(new QLineEdit(url)), m_suggestions(new QComboBox), m_query(new QPlainTextEdit),
      m_start(timeEdit(start)), m_end(timeEdit(end)), m_step(new QLineEdit), m_name(new QLineEdit),
      m_problem(new QLabel)
{
    setWindowTitle(tr("Prometheus Range Query"));
    m_url->setPlaceholderText(QStringLiteral("http://prometheus.example:9090"));
    m_url->setToolTip(tr("Credentials come from PERFCASE_PROMETHEUS_TOKEN, or "
                         "PERFCASE_PROMETHEUS_USER and PERFCASE_PROMETHEUS_PASSWORD."));
    m_suggestions->addItem(tr("Free PromQL"));
    for (const SuggestedQuery &query : suggestions)
        m_suggestions->addItem(QString::fromStdString(query.title));
    if (!unfilledFields.isEmpty())
        m_suggestions->setToolTip(
            tr("Queries that need %1 are left out: give it in the profile or a collection.")
                .arg(unfilledFields.join(QStringLiteral(", "))));
    m_query->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_query->setPlaceholderText(
        QStringLiteral("sum by (pod) (rate(container_cpu_usage_seconds_total[1m]))"));
    m_query->setTabChangesFocus(true);
    m_name->setPlaceholderText(tr("the query"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("&Suggested:"), m_suggestions);
    form->addRow(tr("&PromQL:"), m_query);
    form->addRow(tr("F&rom:"), m_start);
    form->addRow(tr("&To:"), m_end);
    form->addRow(tr("S&tep:"), m_step);
    form->addRow(tr("Source &name:"), m_name);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_run = buttons->addButton(tr("&Query"), QDialogButtonBox::AcceptRole);
    m_run->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    connect(m_suggestions, &QComboBox::currentIndexChanged, this,
            &PrometheusDialog::chooseSuggestion);
    connect(m_query, &QPlainTextEdit::textChanged, this, &PrometheusDialog::updateState);
    connect(m_url, &QLineEdit::textChanged, this, &PrometheusDialog::updateState);
    connect(m_step, &QLineEdit::textChanged, this, &PrometheusDialog::updateState);
    connect(m_start, &QDateTimeEdit::dateTimeChanged, this, &PrometheusDialog::updateState);
    connect(m_end, &QDateTimeEdit::dateTimeChanged, this, &PrometheusDialog::updateState);
    if (!suggestions.empty()) m_suggestions->setCurrentIndex(1);
    resize(760, 380);
    updateState();
}

void PrometheusDialog::chooseSuggestion(int index)
{
    if (index >= 1 && index <= int(m_suggestionList.size())) {
        const SuggestedQuery &query = m_suggestionList.at(std::size_t(index - 1));
        m_query->setPlainText(QString::fromStdString(query.promql));
        m_name->setText(QString::fromStdString(query.title));
    } else {
        m_name->clear();
    }
}

QUrl PrometheusDialog::url() const
{
    return QUrl(m_url->text().trimmed(), QUrl::StrictMode);
}

qint64 PrometheusDialog::automaticStep() const
{
    return PrometheusStep::forPixels(nsOf(m_start), nsOf(m_end), m_pixels);
}

PrometheusRange PrometheusDialog::range() const
{
    const auto typed = PrometheusStep::parse(m_step->text().trimmed().toStdString());
    return {m_query->toPlainText().trimmed().toStdString(), nsOf(m_start), nsOf(m_end),
            m_step->text().trimmed().isEmpty() ? automaticStep() : typed.value_or(0)};
}

QString PrometheusDialog::sourceName() const
{
    return m_name->text().trimmed();
}

QString PrometheusDialog::problemText() const
{
    return m_problem->text();
}

void PrometheusDialog::updateState()
{
    const qint64 start = nsOf(m_start), end = nsOf(m_end);
    m_step->setPlaceholderText(end > start ? tr("automatic: %1 (one point per pixel)")
                                                 .arg(QString::fromStdString(
                                                     PrometheusStep::durationText(automaticStep())))
                                           : QString());
    QString problem;
    const QUrl url = this->url();
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        problem = tr("The URL must be http:// or https:// with a host.");
    else if (!url.userInfo().isEmpty())
        problem = tr("Credentials do not go in the URL: set PERFCASE_PROMETHEUS_TOKEN, or "
                     "PERFCASE_PROMETHEUS_USER and PERFCASE_PROMETHEUS_PASSWORD.");
    else if (m_query->toPlainText().trimmed().isEmpty())
        problem = tr("Type PromQL or choose a suggested query.");
    else if (end <= start)
        problem = tr("The window ends before it starts.");
    else if (start < 0)
        problem = tr("The window starts before 1970.");
    else if (!m_step->text().trimmed().isEmpty() &&
             !PrometheusStep::parse(m_step->text().trimmed().toStdString()))
        problem = tr("The step is a duration such as 15s, 1m or 0.5.");
    else
        problem = QString::fromStdString(PrometheusStep::check(range().step, start, end));
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    if (m_run) m_run->setEnabled(problem.isEmpty());
}

} // namespace perfcase
