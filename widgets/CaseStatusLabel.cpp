#include "CaseStatusLabel.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

namespace perfcase {

void CaseStatusLabel::showCase(const QString &casePath, int sources, qint64 records)
{
    if (casePath.isEmpty()) {
        clear();
        setToolTip({});
        return;
    }
    const QLocale locale;
    const qint64 bytes = QFileInfo(casePath).size();
    setText((sources == 1 ? tr("1 source") : tr("%1 sources").arg(sources)) +
            QStringLiteral(", ") + tr("%1 records").arg(locale.toString(records)) +
            QStringLiteral(", ") + locale.formattedDataSize(bytes));
    setToolTip(tr("%1: %2 bytes on disk (its -wal file aside)")
                   .arg(QDir::toNativeSeparators(casePath), locale.toString(bytes)));
}

} // namespace perfcase
