#pragma once

#include "playbook/Playbook.h"
#include "prometheus/PrometheusClient.h"

#include <QDialog>
#include <QUrl>
#include <vector>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace perfcase {

// Prometheus > Query…: a range query for the investigation window. The
// playbook's suggested queries (filled with the profile's namespace and the
// remembered parameters) or free PromQL; the window defaults to the case's
// time range; the step to one point per pixel of the timeline (PrometheusStep),
// or what the user types. Query accepts.
class PrometheusDialog : public QDialog
{
    Q_OBJECT

public:
    // start/end in ns (UTC); plotPixels: the timeline's width.
    PrometheusDialog(const QString &url, const std::vector<SuggestedQuery> &suggestions,
                     const QStringList &unfilledFields, qint64 start, qint64 end, int plotPixels,
                     QWidget *parent = nullptr);

    QUrl url() const;
    PrometheusRange range() const;
    QString sourceName() const; // empty: PrometheusCollector's default

    QComboBox *suggestionBox() const { return m_suggestions; }
    QPlainTextEdit *queryEdit() const { return m_query; }
    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *stepEdit() const { return m_step; }
    QDateTimeEdit *startEdit() const { return m_start; }
    QDateTimeEdit *endEdit() const { return m_end; }
    QPushButton *queryButton() const { return m_run; }
    QString problemText() const;
    // The step used when the step field is empty.
    qint64 automaticStep() const;

private:
    void chooseSuggestion(int index);
    void updateState();

    std::vector<SuggestedQuery> m_suggestionList;
    int m_pixels;
    QLineEdit *m_url;
    QComboBox *m_suggestions;
    QPlainTextEdit *m_query;
    QDateTimeEdit *m_start, *m_end;
    QLineEdit *m_step, *m_name;
    QLabel *m_problem;
    QPushButton *m_run = nullptr;
};

} // namespace perfcase
