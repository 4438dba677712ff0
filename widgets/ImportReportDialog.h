#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QTreeWidget;

namespace perfcase {

// How each file of an import went, one line per file, problems first in
// colour. Widgets do not link the importers, so the caller turns its
// outcomes into entries.
class ImportReportDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Severity
    {
        Ok,
        Warning,
        Problem
    };
    struct Entry
    {
        QString status; // statusName(): imported, duplicate, skipped, failed, cancelled
        QString path;
        QString detail;
        Severity severity = Severity::Ok;
    };

    ImportReportDialog(const QString &summary, const QList<Entry> &entries,
                       QWidget *parent = nullptr);

    // For other batches than an import (a collection: "Command").
    void setHeadings(const QString &title, const QString &itemColumn);

    int entryCount() const;
    // The report as plain text, one tab-separated line per file.
    QString text() const;

private:
    QTreeWidget *m_list;
    QString m_summary;
};

} // namespace perfcase
