#pragma once

#include <QDialog>
#include <QList>
#include <QPair>
#include <QString>

class QTreeWidget;

namespace perfcase {

// File > Export for Sharing…, before the file is saved: how many secrets
// each rule replaced, how many markers were re-keyed, a few redacted texts
// as the teammate will read them, and where the originals are kept (on this
// machine only). Save accepts; Discard rejects. It only shows what it is
// given (widgets do not link the exporter).
class ShareReviewDialog : public QDialog
{
    Q_OBJECT

public:
    struct Review
    {
        QString outPath;
        QList<QPair<QString, qint64>> perRule; // rule, count
        qint64 rekeyed = 0;
        QList<QPair<QString, QString>> samples; // where, redacted text
        QString mappingPath;
    };

    explicit ShareReviewDialog(const Review &review, QWidget *parent = nullptr);

    QTreeWidget *rulesView() const { return m_rules; }
    QTreeWidget *samplesView() const { return m_samples; }

private:
    QTreeWidget *m_rules;
    QTreeWidget *m_samples;
};

} // namespace perfcase
