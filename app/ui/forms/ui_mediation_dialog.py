# Generated from forms/mediation_dialog.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
    QLabel, QLineEdit, QPlainTextEdit, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_MediationDialog(object):
    def setupUi(self, MediationDialog):
        if not MediationDialog.objectName():
            MediationDialog.setObjectName(u"MediationDialog")
        MediationDialog.resize(460, 380)
        self.dialogLayout = QVBoxLayout(MediationDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.sessionGroup = QGroupBox(MediationDialog)
        self.sessionGroup.setObjectName(u"sessionGroup")
        self.sessionGroup.setCheckable(True)
        self.sessionForm = QFormLayout(self.sessionGroup)
        self.sessionForm.setObjectName(u"sessionForm")
        self.heldOnLabel = QLabel(self.sessionGroup)
        self.heldOnLabel.setObjectName(u"heldOnLabel")

        self.sessionForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.heldOnLabel)

        self.heldOnEdit = QDateEdit(self.sessionGroup)
        self.heldOnEdit.setObjectName(u"heldOnEdit")
        self.heldOnEdit.setCalendarPopup(True)

        self.sessionForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.heldOnEdit)

        self.mediatorLabel = QLabel(self.sessionGroup)
        self.mediatorLabel.setObjectName(u"mediatorLabel")

        self.sessionForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.mediatorLabel)

        self.mediatorEdit = QLineEdit(self.sessionGroup)
        self.mediatorEdit.setObjectName(u"mediatorEdit")
        self.mediatorEdit.setMaxLength(50)

        self.sessionForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.mediatorEdit)

        self.summaryLabel = QLabel(self.sessionGroup)
        self.summaryLabel.setObjectName(u"summaryLabel")

        self.sessionForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.summaryLabel)

        self.summaryEdit = QPlainTextEdit(self.sessionGroup)
        self.summaryEdit.setObjectName(u"summaryEdit")
        self.summaryEdit.setMaximumSize(QSize(16777215, 90))

        self.sessionForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.summaryEdit)


        self.dialogLayout.addWidget(self.sessionGroup)

        self.outcomeGroup = QGroupBox(MediationDialog)
        self.outcomeGroup.setObjectName(u"outcomeGroup")
        self.outcomeGroup.setCheckable(True)
        self.outcomeGroup.setChecked(False)
        self.outcomeForm = QFormLayout(self.outcomeGroup)
        self.outcomeForm.setObjectName(u"outcomeForm")
        self.outcomeLabel = QLabel(self.outcomeGroup)
        self.outcomeLabel.setObjectName(u"outcomeLabel")

        self.outcomeForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.outcomeLabel)

        self.outcomeCombo = QComboBox(self.outcomeGroup)
        self.outcomeCombo.setObjectName(u"outcomeCombo")

        self.outcomeForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.outcomeCombo)

        self.agreementLabel = QLabel(self.outcomeGroup)
        self.agreementLabel.setObjectName(u"agreementLabel")

        self.outcomeForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.agreementLabel)

        self.agreementEdit = QPlainTextEdit(self.outcomeGroup)
        self.agreementEdit.setObjectName(u"agreementEdit")
        self.agreementEdit.setMaximumSize(QSize(16777215, 80))

        self.outcomeForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.agreementEdit)


        self.dialogLayout.addWidget(self.outcomeGroup)

        self.problems = QLabel(MediationDialog)
        self.problems.setObjectName(u"problems")
        self.problems.setStyleSheet(u"color: #b03020;")
        self.problems.setWordWrap(True)

        self.dialogLayout.addWidget(self.problems)

        self.buttons = QDialogButtonBox(MediationDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialogLayout.addWidget(self.buttons)


        self.retranslateUi(MediationDialog)

        QMetaObject.connectSlotsByName(MediationDialog)
    # setupUi

    def retranslateUi(self, MediationDialog):
        MediationDialog.setWindowTitle(QCoreApplication.translate("MediationDialog", u"\u7ea0\u7eb7\u8c03\u89e3", None))
        self.sessionGroup.setTitle(QCoreApplication.translate("MediationDialog", u"\u8bb0\u5f55\u4e00\u6b21\u8c03\u89e3", None))
        self.heldOnLabel.setText(QCoreApplication.translate("MediationDialog", u"\u8c03\u89e3\u65e5\u671f", None))
        self.heldOnEdit.setDisplayFormat(QCoreApplication.translate("MediationDialog", u"yyyy-MM-dd", None))
        self.mediatorLabel.setText(QCoreApplication.translate("MediationDialog", u"\u8c03\u89e3\u5458*", None))
        self.summaryLabel.setText(QCoreApplication.translate("MediationDialog", u"\u8c03\u89e3\u7ecf\u8fc7*", None))
        self.outcomeGroup.setTitle(QCoreApplication.translate("MediationDialog", u"\u8c03\u89e3\u7ed3\u679c", None))
        self.outcomeLabel.setText(QCoreApplication.translate("MediationDialog", u"\u7ed3\u679c*", None))
        self.agreementLabel.setText(QCoreApplication.translate("MediationDialog", u"\u534f\u8bae\u5185\u5bb9", None))
    # retranslateUi

