# Generated from forms/visit_dialog.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout,
    QGroupBox, QLabel, QPlainTextEdit, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_VisitDialog(object):
    def setupUi(self, VisitDialog):
        if not VisitDialog.objectName():
            VisitDialog.setObjectName(u"VisitDialog")
        VisitDialog.resize(520, 600)
        self.dialogLayout = QVBoxLayout(VisitDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.householdLabel = QLabel(VisitDialog)
        self.householdLabel.setObjectName(u"householdLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.householdLabel)

        self.householdValue = QLabel(VisitDialog)
        self.householdValue.setObjectName(u"householdValue")
        self.householdValue.setWordWrap(True)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.householdValue)

        self.personLabel = QLabel(VisitDialog)
        self.personLabel.setObjectName(u"personLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.personLabel)

        self.personCombo = QComboBox(VisitDialog)
        self.personCombo.setObjectName(u"personCombo")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.personCombo)

        self.methodLabel = QLabel(VisitDialog)
        self.methodLabel.setObjectName(u"methodLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.methodLabel)

        self.methodCombo = QComboBox(VisitDialog)
        self.methodCombo.setObjectName(u"methodCombo")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.methodCombo)

        self.visitedAtLabel = QLabel(VisitDialog)
        self.visitedAtLabel.setObjectName(u"visitedAtLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.visitedAtLabel)

        self.visitedAtEdit = QDateTimeEdit(VisitDialog)
        self.visitedAtEdit.setObjectName(u"visitedAtEdit")
        self.visitedAtEdit.setCalendarPopup(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.visitedAtEdit)

        self.nobodyHomeCheck = QCheckBox(VisitDialog)
        self.nobodyHomeCheck.setObjectName(u"nobodyHomeCheck")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.nobodyHomeCheck)

        self.findingsLabel = QLabel(VisitDialog)
        self.findingsLabel.setObjectName(u"findingsLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.findingsLabel)

        self.findingsEdit = QPlainTextEdit(VisitDialog)
        self.findingsEdit.setObjectName(u"findingsEdit")
        self.findingsEdit.setMaximumSize(QSize(16777215, 90))

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.findingsEdit)


        self.dialogLayout.addLayout(self.form)

        self.revisitHint = QLabel(VisitDialog)
        self.revisitHint.setObjectName(u"revisitHint")
        self.revisitHint.setWordWrap(True)
        self.revisitHint.setStyleSheet(u"color: #8a5a00;")

        self.dialogLayout.addWidget(self.revisitHint)

        self.caseGroup = QGroupBox(VisitDialog)
        self.caseGroup.setObjectName(u"caseGroup")
        self.caseGroup.setCheckable(True)
        self.caseGroup.setChecked(False)
        self.caseLayout = QVBoxLayout(self.caseGroup)
        self.caseLayout.setObjectName(u"caseLayout")

        self.dialogLayout.addWidget(self.caseGroup)

        self.problems = QLabel(VisitDialog)
        self.problems.setObjectName(u"problems")
        self.problems.setStyleSheet(u"color: #b03020;")
        self.problems.setWordWrap(True)

        self.dialogLayout.addWidget(self.problems)

        self.buttons = QDialogButtonBox(VisitDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialogLayout.addWidget(self.buttons)


        self.retranslateUi(VisitDialog)

        QMetaObject.connectSlotsByName(VisitDialog)
    # setupUi

    def retranslateUi(self, VisitDialog):
        VisitDialog.setWindowTitle(QCoreApplication.translate("VisitDialog", u"\u8bb0\u5f55\u8d70\u8bbf", None))
        self.householdLabel.setText(QCoreApplication.translate("VisitDialog", u"\u4f4f\u6237", None))
        self.personLabel.setText(QCoreApplication.translate("VisitDialog", u"\u8d70\u8bbf\u5bf9\u8c61", None))
        self.methodLabel.setText(QCoreApplication.translate("VisitDialog", u"\u65b9\u5f0f*", None))
        self.visitedAtLabel.setText(QCoreApplication.translate("VisitDialog", u"\u65f6\u95f4", None))
        self.visitedAtEdit.setDisplayFormat(QCoreApplication.translate("VisitDialog", u"yyyy-MM-dd HH:mm", None))
        self.nobodyHomeCheck.setText(QCoreApplication.translate("VisitDialog", u"\u65e0\u4eba\u5728\u5bb6\uff08\u5b89\u6392\u665a\u95f4\u6216\u5468\u672b\u8865\u8bbf\uff09", None))
        self.findingsLabel.setText(QCoreApplication.translate("VisitDialog", u"\u8d70\u8bbf\u60c5\u51b5*", None))
        self.findingsEdit.setPlaceholderText(QCoreApplication.translate("VisitDialog", u"\u770b\u5230\u4e86\u4ec0\u4e48\u3001\u5c45\u6c11\u6709\u4ec0\u4e48\u9700\u6c42", None))
        self.caseGroup.setTitle(QCoreApplication.translate("VisitDialog", u"\u53d1\u73b0\u95ee\u9898\uff0c\u540c\u65f6\u767b\u8bb0\u4e8b\u4ef6", None))
    # retranslateUi

