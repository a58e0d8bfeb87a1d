# Generated from forms/case_dialog.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_CaseDialog(object):
    def setupUi(self, CaseDialog):
        if not CaseDialog.objectName():
            CaseDialog.setObjectName(u"CaseDialog")
        CaseDialog.resize(520, 560)
        self.dialogLayout = QVBoxLayout(CaseDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.placeForm = QFormLayout()
        self.placeForm.setObjectName(u"placeForm")
        self.placeLabel = QLabel(CaseDialog)
        self.placeLabel.setObjectName(u"placeLabel")

        self.placeForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.placeLabel)

        self.placeValue = QLabel(CaseDialog)
        self.placeValue.setObjectName(u"placeValue")
        self.placeValue.setWordWrap(True)

        self.placeForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.placeValue)

        self.placeTextLabel = QLabel(CaseDialog)
        self.placeTextLabel.setObjectName(u"placeTextLabel")

        self.placeForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.placeTextLabel)

        self.placeEdit = QLineEdit(CaseDialog)
        self.placeEdit.setObjectName(u"placeEdit")
        self.placeEdit.setMaxLength(200)

        self.placeForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.placeEdit)


        self.dialogLayout.addLayout(self.placeForm)

        self.fieldsHost = QWidget(CaseDialog)
        self.fieldsHost.setObjectName(u"fieldsHost")
        self.fieldsLayout = QVBoxLayout(self.fieldsHost)
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.fieldsLayout.setContentsMargins(0, 0, 0, 0)

        self.dialogLayout.addWidget(self.fieldsHost)

        self.partiesLabel = QLabel(CaseDialog)
        self.partiesLabel.setObjectName(u"partiesLabel")

        self.dialogLayout.addWidget(self.partiesLabel)

        self.partiesList = QListWidget(CaseDialog)
        self.partiesList.setObjectName(u"partiesList")
        self.partiesList.setMaximumSize(QSize(16777215, 90))

        self.dialogLayout.addWidget(self.partiesList)

        self.outsiderRow = QHBoxLayout()
        self.outsiderRow.setObjectName(u"outsiderRow")
        self.outsiderLabel = QLabel(CaseDialog)
        self.outsiderLabel.setObjectName(u"outsiderLabel")

        self.outsiderRow.addWidget(self.outsiderLabel)

        self.outsiderEdit = QLineEdit(CaseDialog)
        self.outsiderEdit.setObjectName(u"outsiderEdit")

        self.outsiderRow.addWidget(self.outsiderEdit)

        self.partyRoleCombo = QComboBox(CaseDialog)
        self.partyRoleCombo.setObjectName(u"partyRoleCombo")

        self.outsiderRow.addWidget(self.partyRoleCombo)


        self.dialogLayout.addLayout(self.outsiderRow)

        self.problems = QLabel(CaseDialog)
        self.problems.setObjectName(u"problems")
        self.problems.setStyleSheet(u"color: #b03020;")
        self.problems.setWordWrap(True)

        self.dialogLayout.addWidget(self.problems)

        self.buttons = QDialogButtonBox(CaseDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialogLayout.addWidget(self.buttons)


        self.retranslateUi(CaseDialog)

        QMetaObject.connectSlotsByName(CaseDialog)
    # setupUi

    def retranslateUi(self, CaseDialog):
        CaseDialog.setWindowTitle(QCoreApplication.translate("CaseDialog", u"\u767b\u8bb0\u4e8b\u4ef6", None))
        self.placeLabel.setText(QCoreApplication.translate("CaseDialog", u"\u5730\u70b9", None))
        self.placeTextLabel.setText(QCoreApplication.translate("CaseDialog", u"\u5730\u70b9\u8bf4\u660e", None))
        self.placeEdit.setPlaceholderText(QCoreApplication.translate("CaseDialog", u"\u4e0d\u5728\u697c\u680b\u5185\u65f6\u5199\u660e\u5730\u70b9\uff0c\u5982\u201c\u5c0f\u533a\u5317\u95e8\u201d", None))
        self.partiesLabel.setText(QCoreApplication.translate("CaseDialog", u"\u6d89\u53ca\u4eba\u5458\uff08\u52fe\u9009\u672c\u6237\u5c45\u6c11\uff1b\u53cd\u6620\u4eba\u8bf7\u5728\u201c\u89d2\u8272\u201d\u4e2d\u9009\u62e9\uff09", None))
        self.outsiderLabel.setText(QCoreApplication.translate("CaseDialog", u"\u5176\u4ed6\u4eba\u5458", None))
        self.outsiderEdit.setPlaceholderText(QCoreApplication.translate("CaseDialog", u"\u59d3\u540d\uff0c\u591a\u4eba\u7528\u9017\u53f7\u5206\u9694", None))
    # retranslateUi

