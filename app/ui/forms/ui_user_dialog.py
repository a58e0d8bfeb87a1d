# Generated from forms/user_dialog.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QListWidget,
    QListWidgetItem, QSizePolicy, QVBoxLayout, QWidget)

class Ui_UserDialog(object):
    def setupUi(self, UserDialog):
        if not UserDialog.objectName():
            UserDialog.setObjectName(u"UserDialog")
        UserDialog.resize(420, 380)
        self.layout = QVBoxLayout(UserDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.nameLabel = QLabel(UserDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameCombo = QComboBox(UserDialog)
        self.nameCombo.setObjectName(u"nameCombo")
        self.nameCombo.setEditable(True)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameCombo)

        self.roleLabel = QLabel(UserDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.roleCombo = QComboBox(UserDialog)
        self.roleCombo.setObjectName(u"roleCombo")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.roleCombo)


        self.layout.addLayout(self.form)

        self.gridsLabel = QLabel(UserDialog)
        self.gridsLabel.setObjectName(u"gridsLabel")

        self.layout.addWidget(self.gridsLabel)

        self.gridList = QListWidget(UserDialog)
        self.gridList.setObjectName(u"gridList")

        self.layout.addWidget(self.gridList)

        self.problems = QLabel(UserDialog)
        self.problems.setObjectName(u"problems")
        self.problems.setStyleSheet(u"color: #b03020;")

        self.layout.addWidget(self.problems)

        self.buttons = QDialogButtonBox(UserDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttons)


        self.retranslateUi(UserDialog)

        QMetaObject.connectSlotsByName(UserDialog)
    # setupUi

    def retranslateUi(self, UserDialog):
        UserDialog.setWindowTitle(QCoreApplication.translate("UserDialog", u"\u8c01\u5728\u5de5\u4f5c", None))
        self.nameLabel.setText(QCoreApplication.translate("UserDialog", u"\u59d3\u540d*", None))
        self.roleLabel.setText(QCoreApplication.translate("UserDialog", u"\u8eab\u4efd*", None))
        self.gridsLabel.setText(QCoreApplication.translate("UserDialog", u"\u8d1f\u8d23\u7684\u7f51\u683c\uff08\u7f51\u683c\u5458\u5fc5\u9009\uff09\uff1a", None))
    # retranslateUi

