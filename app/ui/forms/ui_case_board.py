# Generated from forms/case_board.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QTableView, QVBoxLayout, QWidget)

class Ui_CaseBoard(object):
    def setupUi(self, CaseBoard):
        if not CaseBoard.objectName():
            CaseBoard.setObjectName(u"CaseBoard")
        CaseBoard.resize(960, 600)
        self.boardLayout = QVBoxLayout(CaseBoard)
        self.boardLayout.setObjectName(u"boardLayout")
        self.boardLayout.setContentsMargins(2, 2, 2, 2)
        self.topBar = QHBoxLayout()
        self.topBar.setObjectName(u"topBar")
        self.filterBar = QHBoxLayout()
        self.filterBar.setObjectName(u"filterBar")

        self.topBar.addLayout(self.filterBar)

        self.topSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.topBar.addItem(self.topSpacer)

        self.newCaseButton = QPushButton(CaseBoard)
        self.newCaseButton.setObjectName(u"newCaseButton")

        self.topBar.addWidget(self.newCaseButton)

        self.refreshButton = QPushButton(CaseBoard)
        self.refreshButton.setObjectName(u"refreshButton")

        self.topBar.addWidget(self.refreshButton)


        self.boardLayout.addLayout(self.topBar)

        self.caseTable = QTableView(CaseBoard)
        self.caseTable.setObjectName(u"caseTable")
        self.caseTable.setAlternatingRowColors(True)
        self.caseTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.caseTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.caseTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.boardLayout.addWidget(self.caseTable)

        self.legendLabel = QLabel(CaseBoard)
        self.legendLabel.setObjectName(u"legendLabel")

        self.boardLayout.addWidget(self.legendLabel)


        self.retranslateUi(CaseBoard)

        QMetaObject.connectSlotsByName(CaseBoard)
    # setupUi

    def retranslateUi(self, CaseBoard):
        self.newCaseButton.setText(QCoreApplication.translate("CaseBoard", u"\u767b\u8bb0\u4e8b\u4ef6\u2026", None))
        self.refreshButton.setText(QCoreApplication.translate("CaseBoard", u"\u5237\u65b0", None))
        self.legendLabel.setText(QCoreApplication.translate("CaseBoard", u"\u671f\u9650\uff1a\u9ec4\u8272\u4e3a\u4e34\u671f\uff0c\u7ea2\u8272\u4e3a\u903e\u671f\uff08\u6309\u5de5\u4f5c\u65e5\u8ba1\u7b97\uff0c\u5df2\u6263\u9664\u8282\u5047\u65e5\u3001\u8ba1\u5165\u8c03\u4f11\u4e0a\u73ed\u65e5\uff09\u3002\u53cc\u51fb\u6253\u5f00\u4e8b\u4ef6\u3002", None))
        pass
    # retranslateUi

