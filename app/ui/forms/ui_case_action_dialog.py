# Generated from forms/case_action_dialog.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_CaseActionDialog(object):
    def setupUi(self, CaseActionDialog):
        if not CaseActionDialog.objectName():
            CaseActionDialog.setObjectName(u"CaseActionDialog")
        CaseActionDialog.resize(480, 420)
        self.dialogLayout = QVBoxLayout(CaseActionDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.caseLabel = QLabel(CaseActionDialog)
        self.caseLabel.setObjectName(u"caseLabel")
        self.caseLabel.setWordWrap(True)
        self.caseLabel.setStyleSheet(u"font-weight: bold;")

        self.dialogLayout.addWidget(self.caseLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.handlerLabel = QLabel(CaseActionDialog)
        self.handlerLabel.setObjectName(u"handlerLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.handlerLabel)

        self.handlerCombo = QComboBox(CaseActionDialog)
        self.handlerCombo.setObjectName(u"handlerCombo")
        self.handlerCombo.setEditable(True)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.handlerCombo)

        self.deadlineLabel = QLabel(CaseActionDialog)
        self.deadlineLabel.setObjectName(u"deadlineLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.deadlineLabel)

        self.deadlineRow = QHBoxLayout()
        self.deadlineRow.setObjectName(u"deadlineRow")
        self.deadlineEdit = QDateEdit(CaseActionDialog)
        self.deadlineEdit.setObjectName(u"deadlineEdit")
        self.deadlineEdit.setCalendarPopup(True)

        self.deadlineRow.addWidget(self.deadlineEdit)

        self.deadlineHint = QLabel(CaseActionDialog)
        self.deadlineHint.setObjectName(u"deadlineHint")

        self.deadlineRow.addWidget(self.deadlineHint)


        self.form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.deadlineRow)

        self.feedbackLabel = QLabel(CaseActionDialog)
        self.feedbackLabel.setObjectName(u"feedbackLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.feedbackLabel)

        self.feedbackEdit = QPlainTextEdit(CaseActionDialog)
        self.feedbackEdit.setObjectName(u"feedbackEdit")
        self.feedbackEdit.setMaximumSize(QSize(16777215, 80))

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.feedbackEdit)

        self.reasonLabel = QLabel(CaseActionDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.reasonLabel)

        self.reasonEdit = QPlainTextEdit(CaseActionDialog)
        self.reasonEdit.setObjectName(u"reasonEdit")
        self.reasonEdit.setMaximumSize(QSize(16777215, 80))

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.reasonEdit)

        self.toLabel = QLabel(CaseActionDialog)
        self.toLabel.setObjectName(u"toLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.toLabel)

        self.toEdit = QLineEdit(CaseActionDialog)
        self.toEdit.setObjectName(u"toEdit")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.toEdit)

        self.ratingLabel = QLabel(CaseActionDialog)
        self.ratingLabel.setObjectName(u"ratingLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.ratingLabel)

        self.ratingCombo = QComboBox(CaseActionDialog)
        self.ratingCombo.setObjectName(u"ratingCombo")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.ratingCombo)

        self.commentLabel = QLabel(CaseActionDialog)
        self.commentLabel.setObjectName(u"commentLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.commentLabel)

        self.commentEdit = QLineEdit(CaseActionDialog)
        self.commentEdit.setObjectName(u"commentEdit")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.commentEdit)

        self.noteLabel = QLabel(CaseActionDialog)
        self.noteLabel.setObjectName(u"noteLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.noteLabel)

        self.noteEdit = QLineEdit(CaseActionDialog)
        self.noteEdit.setObjectName(u"noteEdit")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.noteEdit)

        self.attachmentsLabel = QLabel(CaseActionDialog)
        self.attachmentsLabel.setObjectName(u"attachmentsLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.attachmentsLabel)

        self.attachmentsRow = QHBoxLayout()
        self.attachmentsRow.setObjectName(u"attachmentsRow")
        self.attachmentsList = QListWidget(CaseActionDialog)
        self.attachmentsList.setObjectName(u"attachmentsList")
        self.attachmentsList.setMaximumSize(QSize(16777215, 60))

        self.attachmentsRow.addWidget(self.attachmentsList)

        self.addAttachmentButton = QPushButton(CaseActionDialog)
        self.addAttachmentButton.setObjectName(u"addAttachmentButton")

        self.attachmentsRow.addWidget(self.addAttachmentButton)


        self.form.setLayout(8, QFormLayout.ItemRole.FieldRole, self.attachmentsRow)


        self.dialogLayout.addLayout(self.form)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dialogLayout.addItem(self.bottomSpacer)

        self.problems = QLabel(CaseActionDialog)
        self.problems.setObjectName(u"problems")
        self.problems.setStyleSheet(u"color: #b03020;")
        self.problems.setWordWrap(True)

        self.dialogLayout.addWidget(self.problems)

        self.buttons = QDialogButtonBox(CaseActionDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttons)


        self.retranslateUi(CaseActionDialog)

        QMetaObject.connectSlotsByName(CaseActionDialog)
    # setupUi

    def retranslateUi(self, CaseActionDialog):
        CaseActionDialog.setWindowTitle(QCoreApplication.translate("CaseActionDialog", u"\u529e\u7406\u4e8b\u4ef6", None))
        self.handlerLabel.setText(QCoreApplication.translate("CaseActionDialog", u"\u5904\u7f6e\u4eba*", None))
        self.deadlineLabel.setText(QCoreApplication.translate("CaseActionDialog", u"\u529e\u7406\u671f\u9650*", None))
        self.deadlineEdit.setDisplayFormat(QCoreApplication.translate("CaseActionDialog", u"yyyy-MM-dd", None))
        self.feedbackLabel.setText(QCoreApplication.translate("CaseActionDialog", u"\u5904\u7f6e\u60c5\u51b5*", None))
        self.reasonLabel.setText(QCoreApplication.translate("CaseActionDialog", u"\u539f\u56e0*", None))
        self.toLabel.setText(QCoreApplication.translate("CaseActionDialog", u"\u4e0a\u62a5\u81f3", None))
        self.toEdit.setText(QCoreApplication.translate("CaseActionDialog", u"\u8857\u9053\u7efc\u6cbb\u4e2d\u5fc3", None))
        self.ratingLabel.setText(QCoreApplication.translate("CaseActionDialog", u"\u7fa4\u4f17\u8bc4\u4ef7*", None))
        self.commentLabel.setText(QCoreApplication.translate("CaseActionDialog", u"\u8bc4\u4ef7\u610f\u89c1", None))
        self.noteLabel.setText(QCoreApplication.translate("CaseActionDialog", u"\u5907\u6ce8", None))
        self.attachmentsLabel.setText(QCoreApplication.translate("CaseActionDialog", u"\u7167\u7247/\u9644\u4ef6", None))
        self.addAttachmentButton.setText(QCoreApplication.translate("CaseActionDialog", u"\u6dfb\u52a0\u2026", None))
    # retranslateUi

