#pragma once

#include "CaseTableView.h"

namespace perfcase {

// The table of log records: one fixed-height line per record, so scrolling
// costs the same on a million rows; columns sized from the rows loaded.
class LogTableView : public CaseTableView
{
    Q_OBJECT

public:
    explicit LogTableView(QWidget *parent = nullptr);

protected:
    void fitColumns() override;
};

} // namespace perfcase
