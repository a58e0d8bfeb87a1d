# Generated from forms/import_history.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_ImportHistoryDialog(object):
    def setupUi(self, ImportHistoryDialog):
        if not ImportHistoryDialog.objectName():
            ImportHistoryDialog.setObjectName(u"ImportHistoryDialog")
        ImportHistoryDialog.resize(860, 420)
        self.dialogLayout = QVBoxLayout(ImportHistoryDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.hintLabel = QLabel(ImportHistoryDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.hintLabel)

        self.batchTable = QTableWidget(ImportHistoryDialog)
        if (self.batchTable.columnCount() < 6):
            self.batchTable.setColumnCount(6)
        __qtablewidgetitem = QTableWidgetItem()
        self.batchTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.batchTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.batchTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.batchTable.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.batchTable.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.batchTable.setHorizontalHeaderItem(5, __qtablewidgetitem5)
        self.batchTable.setObjectName(u"batchTable")
        self.batchTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.batchTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.batchTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.batchTable.setAlternatingRowColors(True)
        self.batchTable.setColumnCount(6)

        self.dialogLayout.addWidget(self.batchTable)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.undoButton = QPushButton(ImportHistoryDialog)
        self.undoButton.setObjectName(u"undoButton")
        self.undoButton.setEnabled(False)

        self.buttonRow.addWidget(self.undoButton)

        self.buttonSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.buttons = QDialogButtonBox(ImportHistoryDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Close)

        self.buttonRow.addWidget(self.buttons)


        self.dialogLayout.addLayout(self.buttonRow)


        self.retranslateUi(ImportHistoryDialog)

        QMetaObject.connectSlotsByName(ImportHistoryDialog)
    # setupUi

    def retranslateUi(self, ImportHistoryDialog):
        ImportHistoryDialog.setWindowTitle(QCoreApplication.translate("ImportHistoryDialog", u"\u5bfc\u5165\u8bb0\u5f55", None))
        self.hintLabel.setText(QCoreApplication.translate("ImportHistoryDialog", u"\u6bcf\u6b21\u5bfc\u5165\u662f\u4e00\u4e2a\u6279\u6b21\u3002\u64a4\u9500\u4e00\u4e2a\u6279\u6b21\u4f1a\u5220\u9664\u5b83\u65b0\u589e\u7684\u4eba\u3001\u6237\u548c\u623f\u5c4b\uff0c\u5e76\u628a\u5b83\u4fee\u6539\u8fc7\u7684\u6570\u636e\u6539\u56de\u5bfc\u5165\u524d\u7684\u6837\u5b50\uff1b\u4e4b\u540e\u53c8\u6709\u6279\u6b21\u4fee\u6539\u8fc7\u540c\u4e00\u6279\u6570\u636e\u65f6\uff0c\u8bf7\u5148\u64a4\u9500\u540e\u9762\u7684\u6279\u6b21\u3002", None))
        ___qtablewidgetitem = self.batchTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("ImportHistoryDialog", u"\u5bfc\u5165\u65f6\u95f4", None))
        ___qtablewidgetitem1 = self.batchTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("ImportHistoryDialog", u"\u64cd\u4f5c\u4eba", None))
        ___qtablewidgetitem2 = self.batchTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("ImportHistoryDialog", u"\u6587\u4ef6", None))
        ___qtablewidgetitem3 = self.batchTable.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("ImportHistoryDialog", u"\u4eba\u5458", None))
        ___qtablewidgetitem4 = self.batchTable.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("ImportHistoryDialog", u"\u6237 / \u623f\u5c4b", None))
        ___qtablewidgetitem5 = self.batchTable.horizontalHeaderItem(5)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("ImportHistoryDialog", u"\u72b6\u6001", None))
        self.undoButton.setText(QCoreApplication.translate("ImportHistoryDialog", u"\u64a4\u9500\u6240\u9009\u6279\u6b21(&U)\u2026", None))
    # retranslateUi

