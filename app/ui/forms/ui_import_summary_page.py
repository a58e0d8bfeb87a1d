# Generated from forms/import_summary_page.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
    QWizardPage)

class Ui_ImportSummaryPage(object):
    def setupUi(self, ImportSummaryPage):
        if not ImportSummaryPage.objectName():
            ImportSummaryPage.setObjectName(u"ImportSummaryPage")
        self.pageLayout = QVBoxLayout(ImportSummaryPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.summaryLabel = QLabel(ImportSummaryPage)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setWordWrap(True)
        self.summaryLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.pageLayout.addWidget(self.summaryLabel)

        self.errorsRow = QHBoxLayout()
        self.errorsRow.setObjectName(u"errorsRow")
        self.openErrorsButton = QPushButton(ImportSummaryPage)
        self.openErrorsButton.setObjectName(u"openErrorsButton")

        self.errorsRow.addWidget(self.openErrorsButton)

        self.errorsRowSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.errorsRow.addItem(self.errorsRowSpacer)


        self.pageLayout.addLayout(self.errorsRow)

        self.problemsLabel = QLabel(ImportSummaryPage)
        self.problemsLabel.setObjectName(u"problemsLabel")

        self.pageLayout.addWidget(self.problemsLabel)

        self.problemTable = QTableWidget(ImportSummaryPage)
        if (self.problemTable.columnCount() < 6):
            self.problemTable.setColumnCount(6)
        __qtablewidgetitem = QTableWidgetItem()
        self.problemTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.problemTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.problemTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.problemTable.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.problemTable.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.problemTable.setHorizontalHeaderItem(5, __qtablewidgetitem5)
        self.problemTable.setObjectName(u"problemTable")
        self.problemTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.problemTable.setColumnCount(6)
        self.problemTable.horizontalHeader().setStretchLastSection(True)

        self.pageLayout.addWidget(self.problemTable)


        self.retranslateUi(ImportSummaryPage)

        QMetaObject.connectSlotsByName(ImportSummaryPage)
    # setupUi

    def retranslateUi(self, ImportSummaryPage):
        ImportSummaryPage.setTitle(QCoreApplication.translate("ImportSummaryPage", u"\u5bfc\u5165\u5b8c\u6210", None))
        self.openErrorsButton.setText(QCoreApplication.translate("ImportSummaryPage", u"\u6253\u5f00\u9519\u8bef\u8868\u2026", None))
#if QT_CONFIG(tooltip)
        self.openErrorsButton.setToolTip(QCoreApplication.translate("ImportSummaryPage", u"\u88ab\u62d2\u7edd\u7684\u539f\u59cb\u884c\u548c\u539f\u56e0\uff0c\u6539\u6b63\u540e\u53ef\u518d\u6b21\u5bfc\u5165", None))
#endif // QT_CONFIG(tooltip)
        self.problemsLabel.setText(QCoreApplication.translate("ImportSummaryPage", u"\u95ee\u9898\u6e05\u5355", None))
        ___qtablewidgetitem = self.problemTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("ImportSummaryPage", u"\u6587\u4ef6", None))
        ___qtablewidgetitem1 = self.problemTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("ImportSummaryPage", u"\u5de5\u4f5c\u8868", None))
        ___qtablewidgetitem2 = self.problemTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("ImportSummaryPage", u"\u884c", None))
        ___qtablewidgetitem3 = self.problemTable.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("ImportSummaryPage", u"\u5217", None))
        ___qtablewidgetitem4 = self.problemTable.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("ImportSummaryPage", u"\u539f\u56e0", None))
        ___qtablewidgetitem5 = self.problemTable.horizontalHeaderItem(5)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("ImportSummaryPage", u"\u8bf4\u660e", None))
    # retranslateUi

