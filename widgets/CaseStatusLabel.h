#pragma once

#include <QLabel>

namespace perfcase {

// The status bar's word on the open case: its sources, records and size on
// disk ("10 sources, 35,413 records, 1.17 MiB"); the exact bytes as tooltip.
class CaseStatusLabel : public QLabel
{
    Q_OBJECT

public:
    explicit CaseStatusLabel(QWidget *parent = nullptr) : QLabel(parent) {}
    // An empty path (no case) clears it.
    void showCase(const QString &casePath, int sources, qint64 records);
};

} // namespace perfcase
