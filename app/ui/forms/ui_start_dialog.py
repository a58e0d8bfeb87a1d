# Generated from forms/start_dialog.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QRadioButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_StartDialog(object):
    def setupUi(self, StartDialog):
        if not StartDialog.objectName():
            StartDialog.setObjectName(u"StartDialog")
        StartDialog.resize(520, 300)
        self.layout = QVBoxLayout(StartDialog)
        self.layout.setObjectName(u"layout")
        self.intro = QLabel(StartDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.layout.addWidget(self.intro)

        self.demoChoice = QRadioButton(StartDialog)
        self.demoChoice.setObjectName(u"demoChoice")
        self.demoChoice.setChecked(True)

        self.layout.addWidget(self.demoChoice)

        self.newChoice = QRadioButton(StartDialog)
        self.newChoice.setObjectName(u"newChoice")

        self.layout.addWidget(self.newChoice)

        self.openChoice = QRadioButton(StartDialog)
        self.openChoice.setObjectName(u"openChoice")

        self.layout.addWidget(self.openChoice)

        self.pathRow = QHBoxLayout()
        self.pathRow.setObjectName(u"pathRow")
        self.pathEdit = QLineEdit(StartDialog)
        self.pathEdit.setObjectName(u"pathEdit")

        self.pathRow.addWidget(self.pathEdit)

        self.browseButton = QPushButton(StartDialog)
        self.browseButton.setObjectName(u"browseButton")

        self.pathRow.addWidget(self.browseButton)


        self.layout.addLayout(self.pathRow)

        self.problems = QLabel(StartDialog)
        self.problems.setObjectName(u"problems")
        self.problems.setStyleSheet(u"color: #b03020;")

        self.layout.addWidget(self.problems)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.spacer)

        self.buttons = QDialogButtonBox(StartDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttons)


        self.retranslateUi(StartDialog)

        QMetaObject.connectSlotsByName(StartDialog)
    # setupUi

    def retranslateUi(self, StartDialog):
        StartDialog.setWindowTitle(QCoreApplication.translate("StartDialog", u"\u7f51\u683c\u53f0\u8d26 \u2014 \u9009\u62e9\u6570\u636e\u5e93", None))
        self.intro.setText(QCoreApplication.translate("StartDialog", u"\u6b22\u8fce\u4f7f\u7528\u7f51\u683c\u53f0\u8d26\u3002\u8bf7\u9009\u62e9\u8981\u6253\u5f00\u7684\u53f0\u8d26\u6570\u636e\u5e93\uff1a", None))
        self.demoChoice.setText(QCoreApplication.translate("StartDialog", u"\u6253\u5f00\u6f14\u793a\u793e\u533a\uff08\u865a\u6784\u6570\u636e\uff0c\u53ef\u653e\u5fc3\u8bd5\u7528\uff09", None))
        self.newChoice.setText(QCoreApplication.translate("StartDialog", u"\u65b0\u5efa\u7a7a\u767d\u53f0\u8d26", None))
        self.openChoice.setText(QCoreApplication.translate("StartDialog", u"\u6253\u5f00\u5df2\u6709\u7684\u53f0\u8d26\u6587\u4ef6", None))
        self.pathEdit.setPlaceholderText(QCoreApplication.translate("StartDialog", u"\u6570\u636e\u5e93\u6587\u4ef6\uff08.sqlite\uff09", None))
        self.browseButton.setText(QCoreApplication.translate("StartDialog", u"\u6d4f\u89c8\u2026", None))
    # retranslateUi

