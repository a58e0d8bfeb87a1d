# Generated from forms/case_fields.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDateEdit,
    QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_CaseFields(object):
    def setupUi(self, CaseFields):
        if not CaseFields.objectName():
            CaseFields.setObjectName(u"CaseFields")
        CaseFields.resize(460, 360)
        self.form = QFormLayout(CaseFields)
        self.form.setObjectName(u"form")
        self.form.setContentsMargins(0, 0, 0, 0)
        self.categoryLabel = QLabel(CaseFields)
        self.categoryLabel.setObjectName(u"categoryLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.categoryLabel)

        self.categoryCombo = QComboBox(CaseFields)
        self.categoryCombo.setObjectName(u"categoryCombo")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.categoryCombo)

        self.disputeTypeLabel = QLabel(CaseFields)
        self.disputeTypeLabel.setObjectName(u"disputeTypeLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.disputeTypeLabel)

        self.disputeTypeCombo = QComboBox(CaseFields)
        self.disputeTypeCombo.setObjectName(u"disputeTypeCombo")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.disputeTypeCombo)

        self.titleLabel = QLabel(CaseFields)
        self.titleLabel.setObjectName(u"titleLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.titleEdit = QLineEdit(CaseFields)
        self.titleEdit.setObjectName(u"titleEdit")
        self.titleEdit.setMaxLength(100)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.titleEdit)

        self.descriptionLabel = QLabel(CaseFields)
        self.descriptionLabel.setObjectName(u"descriptionLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.descriptionLabel)

        self.descriptionEdit = QPlainTextEdit(CaseFields)
        self.descriptionEdit.setObjectName(u"descriptionEdit")
        self.descriptionEdit.setMaximumSize(QSize(16777215, 90))

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.descriptionEdit)

        self.sourceLabel = QLabel(CaseFields)
        self.sourceLabel.setObjectName(u"sourceLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.sourceLabel)

        self.sourceCombo = QComboBox(CaseFields)
        self.sourceCombo.setObjectName(u"sourceCombo")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.sourceCombo)

        self.priorityLabel = QLabel(CaseFields)
        self.priorityLabel.setObjectName(u"priorityLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.priorityLabel)

        self.priorityCombo = QComboBox(CaseFields)
        self.priorityCombo.setObjectName(u"priorityCombo")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.priorityCombo)

        self.deadlineCheck = QCheckBox(CaseFields)
        self.deadlineCheck.setObjectName(u"deadlineCheck")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.deadlineCheck)

        self.deadlineRow = QHBoxLayout()
        self.deadlineRow.setObjectName(u"deadlineRow")
        self.deadlineEdit = QDateEdit(CaseFields)
        self.deadlineEdit.setObjectName(u"deadlineEdit")
        self.deadlineEdit.setEnabled(False)
        self.deadlineEdit.setCalendarPopup(True)

        self.deadlineRow.addWidget(self.deadlineEdit)

        self.deadlineHint = QLabel(CaseFields)
        self.deadlineHint.setObjectName(u"deadlineHint")

        self.deadlineRow.addWidget(self.deadlineHint)


        self.form.setLayout(6, QFormLayout.ItemRole.FieldRole, self.deadlineRow)

        self.attachmentsLabel = QLabel(CaseFields)
        self.attachmentsLabel.setObjectName(u"attachmentsLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.attachmentsLabel)

        self.attachmentsRow = QHBoxLayout()
        self.attachmentsRow.setObjectName(u"attachmentsRow")
        self.attachmentsList = QListWidget(CaseFields)
        self.attachmentsList.setObjectName(u"attachmentsList")
        self.attachmentsList.setMaximumSize(QSize(16777215, 60))

        self.attachmentsRow.addWidget(self.attachmentsList)

        self.attachmentButtons = QVBoxLayout()
        self.attachmentButtons.setObjectName(u"attachmentButtons")
        self.addAttachmentButton = QPushButton(CaseFields)
        self.addAttachmentButton.setObjectName(u"addAttachmentButton")

        self.attachmentButtons.addWidget(self.addAttachmentButton)

        self.removeAttachmentButton = QPushButton(CaseFields)
        self.removeAttachmentButton.setObjectName(u"removeAttachmentButton")

        self.attachmentButtons.addWidget(self.removeAttachmentButton)


        self.attachmentsRow.addLayout(self.attachmentButtons)


        self.form.setLayout(7, QFormLayout.ItemRole.FieldRole, self.attachmentsRow)


        self.retranslateUi(CaseFields)

        QMetaObject.connectSlotsByName(CaseFields)
    # setupUi

    def retranslateUi(self, CaseFields):
        self.categoryLabel.setText(QCoreApplication.translate("CaseFields", u"\u7c7b\u522b*", None))
        self.disputeTypeLabel.setText(QCoreApplication.translate("CaseFields", u"\u7ea0\u7eb7\u7c7b\u578b*", None))
        self.titleLabel.setText(QCoreApplication.translate("CaseFields", u"\u6807\u9898", None))
        self.titleEdit.setPlaceholderText(QCoreApplication.translate("CaseFields", u"\u4e00\u53e5\u8bdd\u8bf4\u660e\u95ee\u9898\uff0c\u5982\u201c3\u53f7\u697c2\u5355\u5143\u697c\u9053\u5806\u7269\u201d", None))
        self.descriptionLabel.setText(QCoreApplication.translate("CaseFields", u"\u95ee\u9898\u63cf\u8ff0", None))
        self.sourceLabel.setText(QCoreApplication.translate("CaseFields", u"\u6765\u6e90", None))
        self.priorityLabel.setText(QCoreApplication.translate("CaseFields", u"\u7d27\u6025\u7a0b\u5ea6", None))
        self.deadlineCheck.setText(QCoreApplication.translate("CaseFields", u"\u9650\u671f", None))
        self.deadlineEdit.setDisplayFormat(QCoreApplication.translate("CaseFields", u"yyyy-MM-dd", None))
        self.attachmentsLabel.setText(QCoreApplication.translate("CaseFields", u"\u7167\u7247/\u9644\u4ef6", None))
        self.addAttachmentButton.setText(QCoreApplication.translate("CaseFields", u"\u6dfb\u52a0\u2026", None))
        self.removeAttachmentButton.setText(QCoreApplication.translate("CaseFields", u"\u79fb\u9664", None))
        pass
    # retranslateUi

