# Generated from forms/person_dialog.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_PersonDialog(object):
    def setupUi(self, PersonDialog):
        if not PersonDialog.objectName():
            PersonDialog.setObjectName(u"PersonDialog")
        PersonDialog.resize(460, 420)
        self.dialogLayout = QVBoxLayout(PersonDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.nameLabel = QLabel(PersonDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(PersonDialog)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(50)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.idLabel = QLabel(PersonDialog)
        self.idLabel.setObjectName(u"idLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.idLabel)

        self.idEdit = QLineEdit(PersonDialog)
        self.idEdit.setObjectName(u"idEdit")
        self.idEdit.setMaxLength(20)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.idEdit)

        self.idStatus = QLabel(PersonDialog)
        self.idStatus.setObjectName(u"idStatus")
        self.idStatus.setWordWrap(True)
        self.idStatus.setTextFormat(Qt.TextFormat.RichText)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.idStatus)

        self.genderLabel = QLabel(PersonDialog)
        self.genderLabel.setObjectName(u"genderLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.genderLabel)

        self.genderCombo = QComboBox(PersonDialog)
        self.genderCombo.setObjectName(u"genderCombo")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.genderCombo)

        self.birthLabel = QLabel(PersonDialog)
        self.birthLabel.setObjectName(u"birthLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.birthLabel)

        self.birthEdit = QDateEdit(PersonDialog)
        self.birthEdit.setObjectName(u"birthEdit")
        self.birthEdit.setCalendarPopup(True)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.birthEdit)

        self.relationLabel = QLabel(PersonDialog)
        self.relationLabel.setObjectName(u"relationLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.relationLabel)

        self.relationCombo = QComboBox(PersonDialog)
        self.relationCombo.setObjectName(u"relationCombo")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.relationCombo)

        self.ethnicityLabel = QLabel(PersonDialog)
        self.ethnicityLabel.setObjectName(u"ethnicityLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.ethnicityLabel)

        self.ethnicityCombo = QComboBox(PersonDialog)
        self.ethnicityCombo.setObjectName(u"ethnicityCombo")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.ethnicityCombo)

        self.phoneLabel = QLabel(PersonDialog)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(PersonDialog)
        self.phoneEdit.setObjectName(u"phoneEdit")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.politicalLabel = QLabel(PersonDialog)
        self.politicalLabel.setObjectName(u"politicalLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.politicalLabel)

        self.politicalCombo = QComboBox(PersonDialog)
        self.politicalCombo.setObjectName(u"politicalCombo")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.politicalCombo)

        self.residenceLabel = QLabel(PersonDialog)
        self.residenceLabel.setObjectName(u"residenceLabel")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.residenceLabel)

        self.residenceCombo = QComboBox(PersonDialog)
        self.residenceCombo.setObjectName(u"residenceCombo")

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.residenceCombo)

        self.noteLabel = QLabel(PersonDialog)
        self.noteLabel.setObjectName(u"noteLabel")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.noteLabel)

        self.noteEdit = QLineEdit(PersonDialog)
        self.noteEdit.setObjectName(u"noteEdit")

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.noteEdit)


        self.dialogLayout.addLayout(self.form)

        self.problems = QLabel(PersonDialog)
        self.problems.setObjectName(u"problems")
        self.problems.setStyleSheet(u"color: #b03020;")
        self.problems.setWordWrap(True)

        self.dialogLayout.addWidget(self.problems)

        self.buttons = QDialogButtonBox(PersonDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialogLayout.addWidget(self.buttons)


        self.retranslateUi(PersonDialog)

        QMetaObject.connectSlotsByName(PersonDialog)
    # setupUi

    def retranslateUi(self, PersonDialog):
        PersonDialog.setWindowTitle(QCoreApplication.translate("PersonDialog", u"\u5c45\u6c11\u4fe1\u606f", None))
        self.nameLabel.setText(QCoreApplication.translate("PersonDialog", u"\u59d3\u540d*", None))
        self.idLabel.setText(QCoreApplication.translate("PersonDialog", u"\u8eab\u4efd\u8bc1\u53f7", None))
        self.genderLabel.setText(QCoreApplication.translate("PersonDialog", u"\u6027\u522b", None))
        self.birthLabel.setText(QCoreApplication.translate("PersonDialog", u"\u51fa\u751f\u65e5\u671f", None))
        self.birthEdit.setDisplayFormat(QCoreApplication.translate("PersonDialog", u"yyyy-MM-dd", None))
        self.relationLabel.setText(QCoreApplication.translate("PersonDialog", u"\u4e0e\u6237\u4e3b\u5173\u7cfb*", None))
        self.ethnicityLabel.setText(QCoreApplication.translate("PersonDialog", u"\u6c11\u65cf", None))
        self.phoneLabel.setText(QCoreApplication.translate("PersonDialog", u"\u8054\u7cfb\u7535\u8bdd", None))
        self.politicalLabel.setText(QCoreApplication.translate("PersonDialog", u"\u653f\u6cbb\u9762\u8c8c", None))
        self.residenceLabel.setText(QCoreApplication.translate("PersonDialog", u"\u6237\u7c4d\u7c7b\u578b", None))
        self.noteLabel.setText(QCoreApplication.translate("PersonDialog", u"\u5907\u6ce8", None))
    # retranslateUi

