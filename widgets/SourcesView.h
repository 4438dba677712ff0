#pragma once

#include "CaseTableView.h"

namespace perfcase {

// The table of a case's sources: compact, one line per source, columns
// fitted to their content after each refresh.
class SourcesView : public CaseTableView
{
    Q_OBJECT

public:
    explicit SourcesView(QWidget *parent = nullptr);
    QSize sizeHint() const override;

protected:
    void fitColumns() override;
};

} // namespace perfcase
