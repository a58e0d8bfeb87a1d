# Generated from forms/worklist.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QHeaderView, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_WorklistView(object):
    def setupUi(self, WorklistView):
        if not WorklistView.objectName():
            WorklistView.setObjectName(u"WorklistView")
        WorklistView.resize(900, 600)
        self.worklistLayout = QVBoxLayout(WorklistView)
        self.worklistLayout.setObjectName(u"worklistLayout")
        self.worklistLayout.setContentsMargins(2, 2, 2, 2)
        self.headerLabel = QLabel(WorklistView)
        self.headerLabel.setObjectName(u"headerLabel")
        self.headerLabel.setStyleSheet(u"font-size: 16px; font-weight: bold; padding: 4px;")

        self.worklistLayout.addWidget(self.headerLabel)

        self.workTree = QTreeWidget(WorklistView)
        self.workTree.setObjectName(u"workTree")
        self.workTree.setAlternatingRowColors(True)
        self.workTree.setUniformRowHeights(True)

        self.worklistLayout.addWidget(self.workTree)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.visitButton = QPushButton(WorklistView)
        self.visitButton.setObjectName(u"visitButton")

        self.buttonRow.addWidget(self.visitButton)

        self.openButton = QPushButton(WorklistView)
        self.openButton.setObjectName(u"openButton")

        self.buttonRow.addWidget(self.openButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.refreshButton = QPushButton(WorklistView)
        self.refreshButton.setObjectName(u"refreshButton")

        self.buttonRow.addWidget(self.refreshButton)


        self.worklistLayout.addLayout(self.buttonRow)


        self.retranslateUi(WorklistView)

        QMetaObject.connectSlotsByName(WorklistView)
    # setupUi

    def retranslateUi(self, WorklistView):
        ___qtreewidgetitem = self.workTree.headerItem()
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("WorklistView", u"\u65e5\u671f", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("WorklistView", u"\u8bf4\u660e", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("WorklistView", u"\u5730\u5740/\u5730\u70b9", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("WorklistView", u"\u4e8b\u9879", None))
        self.visitButton.setText(QCoreApplication.translate("WorklistView", u"\u8bb0\u5f55\u8d70\u8bbf\u2026", None))
        self.openButton.setText(QCoreApplication.translate("WorklistView", u"\u6253\u5f00", None))
        self.refreshButton.setText(QCoreApplication.translate("WorklistView", u"\u5237\u65b0", None))
        pass
    # retranslateUi

