# Generated from forms/import_preview_page.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QHBoxLayout,
    QHeaderView, QLabel, QProgressBar, QPushButton,
    QSizePolicy, QSpacerItem, QTabWidget, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget, QWizardPage)

class Ui_ImportPreviewPage(object):
    def setupUi(self, ImportPreviewPage):
        if not ImportPreviewPage.objectName():
            ImportPreviewPage.setObjectName(u"ImportPreviewPage")
        self.pageLayout = QVBoxLayout(ImportPreviewPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.countsLabel = QLabel(ImportPreviewPage)
        self.countsLabel.setObjectName(u"countsLabel")

        self.pageLayout.addWidget(self.countsLabel)

        self.busyRow = QHBoxLayout()
        self.busyRow.setObjectName(u"busyRow")
        self.progressBar = QProgressBar(ImportPreviewPage)
        self.progressBar.setObjectName(u"progressBar")
        self.progressBar.setMaximum(1000)
        self.progressBar.setValue(0)

        self.busyRow.addWidget(self.progressBar)

        self.cancelButton = QPushButton(ImportPreviewPage)
        self.cancelButton.setObjectName(u"cancelButton")

        self.busyRow.addWidget(self.cancelButton)


        self.pageLayout.addLayout(self.busyRow)

        self.tabs = QTabWidget(ImportPreviewPage)
        self.tabs.setObjectName(u"tabs")
        self.rowsTab = QWidget()
        self.rowsTab.setObjectName(u"rowsTab")
        self.rowsLayout = QVBoxLayout(self.rowsTab)
        self.rowsLayout.setObjectName(u"rowsLayout")
        self.rowOptions = QHBoxLayout()
        self.rowOptions.setObjectName(u"rowOptions")
        self.onlyProblemsCheck = QCheckBox(self.rowsTab)
        self.onlyProblemsCheck.setObjectName(u"onlyProblemsCheck")

        self.rowOptions.addWidget(self.onlyProblemsCheck)

        self.keepButton = QPushButton(self.rowsTab)
        self.keepButton.setObjectName(u"keepButton")
        self.keepButton.setEnabled(False)

        self.rowOptions.addWidget(self.keepButton)

        self.rowOptionsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.rowOptions.addItem(self.rowOptionsSpacer)

        self.rowsNoteLabel = QLabel(self.rowsTab)
        self.rowsNoteLabel.setObjectName(u"rowsNoteLabel")

        self.rowOptions.addWidget(self.rowsNoteLabel)


        self.rowsLayout.addLayout(self.rowOptions)

        self.rowTable = QTableWidget(self.rowsTab)
        if (self.rowTable.columnCount() < 8):
            self.rowTable.setColumnCount(8)
        __qtablewidgetitem = QTableWidgetItem()
        self.rowTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.rowTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.rowTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.rowTable.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.rowTable.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.rowTable.setHorizontalHeaderItem(5, __qtablewidgetitem5)
        __qtablewidgetitem6 = QTableWidgetItem()
        self.rowTable.setHorizontalHeaderItem(6, __qtablewidgetitem6)
        __qtablewidgetitem7 = QTableWidgetItem()
        self.rowTable.setHorizontalHeaderItem(7, __qtablewidgetitem7)
        self.rowTable.setObjectName(u"rowTable")
        self.rowTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.rowTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.rowTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.rowTable.setColumnCount(8)
        self.rowTable.horizontalHeader().setStretchLastSection(True)
        self.rowTable.verticalHeader().setVisible(False)

        self.rowsLayout.addWidget(self.rowTable)

        self.tabs.addTab(self.rowsTab, "")
        self.problemsTab = QWidget()
        self.problemsTab.setObjectName(u"problemsTab")
        self.problemsLayout = QVBoxLayout(self.problemsTab)
        self.problemsLayout.setObjectName(u"problemsLayout")
        self.problemTable = QTableWidget(self.problemsTab)
        if (self.problemTable.columnCount() < 6):
            self.problemTable.setColumnCount(6)
        __qtablewidgetitem8 = QTableWidgetItem()
        self.problemTable.setHorizontalHeaderItem(0, __qtablewidgetitem8)
        __qtablewidgetitem9 = QTableWidgetItem()
        self.problemTable.setHorizontalHeaderItem(1, __qtablewidgetitem9)
        __qtablewidgetitem10 = QTableWidgetItem()
        self.problemTable.setHorizontalHeaderItem(2, __qtablewidgetitem10)
        __qtablewidgetitem11 = QTableWidgetItem()
        self.problemTable.setHorizontalHeaderItem(3, __qtablewidgetitem11)
        __qtablewidgetitem12 = QTableWidgetItem()
        self.problemTable.setHorizontalHeaderItem(4, __qtablewidgetitem12)
        __qtablewidgetitem13 = QTableWidgetItem()
        self.problemTable.setHorizontalHeaderItem(5, __qtablewidgetitem13)
        self.problemTable.setObjectName(u"problemTable")
        self.problemTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.problemTable.setColumnCount(6)
        self.problemTable.horizontalHeader().setStretchLastSection(True)

        self.problemsLayout.addWidget(self.problemTable)

        self.tabs.addTab(self.problemsTab, "")

        self.pageLayout.addWidget(self.tabs)

        self.pageLayout.setStretch(2, 1)

        self.retranslateUi(ImportPreviewPage)

        QMetaObject.connectSlotsByName(ImportPreviewPage)
    # setupUi

    def retranslateUi(self, ImportPreviewPage):
        ImportPreviewPage.setTitle(QCoreApplication.translate("ImportPreviewPage", u"\u9884\u89c8", None))
        ImportPreviewPage.setSubTitle(QCoreApplication.translate("ImportPreviewPage", u"\u4ee5\u4e0b\u4e3a\u8bd5\u5bfc\u5165\u7684\u7ed3\u679c\uff08\u5c1a\u672a\u5199\u5165\uff09\u3002\u7ea2\u8272\u884c\u5c06\u88ab\u62d2\u7edd\uff0c\u9ec4\u8272\u884c\u4f1a\u5bfc\u5165\u4f46\u9700\u6838\u5bf9\uff0c\u7070\u8272\u884c\u662f\u91cd\u590d\u884c\uff08\u5df2\u5408\u5e76\uff09\u3002", None))
        self.cancelButton.setText(QCoreApplication.translate("ImportPreviewPage", u"\u53d6\u6d88", None))
        self.onlyProblemsCheck.setText(QCoreApplication.translate("ImportPreviewPage", u"\u53ea\u770b\u6709\u95ee\u9898\u7684\u884c", None))
#if QT_CONFIG(tooltip)
        self.keepButton.setToolTip(QCoreApplication.translate("ImportPreviewPage", u"\u540c\u4e00\u8eab\u4efd\u8bc1\u53f7\u6709\u4e24\u884c\u5185\u5bb9\u4e0d\u540c\u65f6\uff0c\u9ed8\u8ba4\u4fdd\u7559\u5148\u51fa\u73b0\u7684\u4e00\u884c\uff1b\u9009\u4e2d\u88ab\u62d2\u7edd\u7684\u4e00\u884c\u540e\u70b9\u6b64\u6539\u4e3a\u4fdd\u7559\u5b83", None))
#endif // QT_CONFIG(tooltip)
        self.keepButton.setText(QCoreApplication.translate("ImportPreviewPage", u"\u4fdd\u7559\u6b64\u884c\uff08\u66ff\u6362\u5df2\u4fdd\u7559\u7684\u540c\u53f7\u8bb0\u5f55\uff09", None))
        ___qtablewidgetitem = self.rowTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("ImportPreviewPage", u"\u5de5\u4f5c\u8868", None))
        ___qtablewidgetitem1 = self.rowTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("ImportPreviewPage", u"\u884c", None))
        ___qtablewidgetitem2 = self.rowTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("ImportPreviewPage", u"\u7ed3\u679c", None))
        ___qtablewidgetitem3 = self.rowTable.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("ImportPreviewPage", u"\u59d3\u540d / \u65e5\u671f", None))
        ___qtablewidgetitem4 = self.rowTable.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("ImportPreviewPage", u"\u8eab\u4efd\u8bc1\u53f7", None))
        ___qtablewidgetitem5 = self.rowTable.horizontalHeaderItem(5)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("ImportPreviewPage", u"\u5730\u5740", None))
        ___qtablewidgetitem6 = self.rowTable.horizontalHeaderItem(6)
        ___qtablewidgetitem6.setText(QCoreApplication.translate("ImportPreviewPage", u"\u5173\u7cfb\u3001\u6807\u7b7e / \u7c7b\u578b\u3001\u5f53\u4e8b\u4eba", None))
        ___qtablewidgetitem7 = self.rowTable.horizontalHeaderItem(7)
        ___qtablewidgetitem7.setText(QCoreApplication.translate("ImportPreviewPage", u"\u8bf4\u660e", None))
        self.tabs.setTabText(self.tabs.indexOf(self.rowsTab), QCoreApplication.translate("ImportPreviewPage", u"\u9010\u884c\u9884\u89c8", None))
        ___qtablewidgetitem8 = self.problemTable.horizontalHeaderItem(0)
        ___qtablewidgetitem8.setText(QCoreApplication.translate("ImportPreviewPage", u"\u6587\u4ef6", None))
        ___qtablewidgetitem9 = self.problemTable.horizontalHeaderItem(1)
        ___qtablewidgetitem9.setText(QCoreApplication.translate("ImportPreviewPage", u"\u5de5\u4f5c\u8868", None))
        ___qtablewidgetitem10 = self.problemTable.horizontalHeaderItem(2)
        ___qtablewidgetitem10.setText(QCoreApplication.translate("ImportPreviewPage", u"\u884c", None))
        ___qtablewidgetitem11 = self.problemTable.horizontalHeaderItem(3)
        ___qtablewidgetitem11.setText(QCoreApplication.translate("ImportPreviewPage", u"\u5217", None))
        ___qtablewidgetitem12 = self.problemTable.horizontalHeaderItem(4)
        ___qtablewidgetitem12.setText(QCoreApplication.translate("ImportPreviewPage", u"\u539f\u56e0", None))
        ___qtablewidgetitem13 = self.problemTable.horizontalHeaderItem(5)
        ___qtablewidgetitem13.setText(QCoreApplication.translate("ImportPreviewPage", u"\u8bf4\u660e", None))
        self.tabs.setTabText(self.tabs.indexOf(self.problemsTab), QCoreApplication.translate("ImportPreviewPage", u"\u95ee\u9898\u6e05\u5355", None))
    # retranslateUi

