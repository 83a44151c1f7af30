import type { svModel } from './sv-model.ts';

/** English texts of the model and the API. Must cover every key of sv-model.ts. */
export const enModel: Record<keyof typeof svModel, string> = {
	// #13 privacy
	'error.personInActiveKollegium':
		'The person takes part in a kollegium that is not closed. Take them out of it or close it first.',
	'audit.action.personDataExported': 'Exported one person’s data',
	'audit.action.personErased': 'Removed a person and their data',
	'audit.action.retentionRun': 'Retention',
	'privacy.exportFileName': 'Data about {name} {day}',
	// #12 saml
	'error.samlFailed':
		'The sign-in through the identity provider (SAML) could not be accepted. Start again from the sign-in page.',
	'error.samlOff': 'Signing in through SAML is not switched on here.',
	// #12 languages
	'validation.peopleLanguage': 'Use sv (Swedish) or en (English).',
	'mail.calendar.summary': 'Meeting: {title} ({kind})',
	'mail.calendar.description':
		'The {kind} at {clinic}. Your personal link is in the invitation that came by e-mail.',
	'mail.supervisorFeedback.subject': 'Your feedback from the {kind} – {title}',
	'mail.supervisorFeedback.text':
		'The trainees’ feedback to you as a supervisor from the {kind} "{title}" at {clinic} is ready. With your personal link you can read it and download it as a PDF.',
	// #11 B follow-up of the last plan
	'pdf.followUpHeading': 'Follow-up of the previous plan',
	'pdf.followUpFrom':
		'The plan from {title} ({date}, version {version}), as the meeting followed it up.',
	'pdf.followUpColumn.goal': 'Goal',
	'pdf.followUpColumn.delmal': 'Delmål (training goals)',
	'pdf.followUpColumn.activities': 'Activities',
	'pdf.followUpColumn.outcome': 'Assessment',
	'pdf.followUpColumn.note': 'Note',
	'pdf.followUpOutcome.reached': 'Reached',
	'pdf.followUpOutcome.partly': 'Partly reached',
	'pdf.followUpOutcome.notReached': 'Not reached',
	'pdf.followUpOutcome.none': 'Not assessed',
	// #11 D supervisors' own feedback
	'error.kLocked':
		'The minimum number of respondents cannot change once the kollegium is open for answers; respondents were promised it.',
	'error.supervisorFeedbackNotAvailable': 'There is no feedback for you to receive.',
	'validation.supervisorKBelowClinicK':
		'Cannot be lower than the minimum number of respondents for the clinic.',
	'validation.kLocked': 'Locked since the kollegium opened for answers: {n}.',
	'validation.notRegisterSpecialist': 'Choose a specialist from the clinic’s register.',
	'validation.supervisorIsTrainee':
		'This person answers as a trainee in the kollegium and cannot receive supervisor feedback here.',
	'validation.supervisorTwice': 'That supervisor is already in the kollegium.',
	'pdf.title.supervisor': 'Feedback for a supervisor from ST-läkarkollegium',
	'pdf.details.supervisor': 'Details per area',
	'pdf.subject.supervisor': 'Supervisor',
	'pdf.supervisorK': 'Minimum answers about a supervisor',
	'pdf.summaryKey.supervisor':
		'How the trainees answered about your supervision, per area, from low (light) to high (dark) level.',
	'pdf.supervisorNote':
		'Only what the meeting was shown about you, and only where at least {k} answered. No other supervisor’s result is here, and nothing says who answered or wrote what.',
	// #11 c-delmål
	'validation.specialtyGoalCodeSTc':
		'Use a code such as STc1, STc2 … (specialty goals under HSLF-FS 2021:8).',
	'validation.specialtyGoalCodeC':
		'Use a code such as c1, c2 … (specialty goals under SOSFS 2015:8).',
	'validation.specialtyGoalDuplicateCode': 'The code is already in the list.',
	'validation.specialtyGoalDuplicateLine': 'The same code as on row {line}.',
	'validation.specialtyGoalsEmpty': 'The file holds no goals.',
	'validation.specialtyGoalsTooMany': 'A list can hold at most {n} goals.',
	'validation.specialtyGoalsNoHeader':
		'The first row must be column headers: code,title and, if you have it, title_en.',
	'validation.specialtyGoalsNotJson': 'The file is not valid JSON.',
	'validation.specialtyGoalsJsonShape':
		'The JSON file must be a list of goals, or an object with a list "goals"; each goal with "code" and "title".',
	'validation.specialtyGoalsOtherRegulation':
		'The file is for another regulation than {regulation}.',
	'specialtyGoals.name': 'Specialty goals for {specialty} ({regulation})',
	'specialtyGoals.exampleName':
		"Example: specialty goals for {specialty} ({regulation}), to be checked against Socialstyrelsen's målbeskrivning",
	'error.specialtyGoalsNotFound': 'The list of specialty goals does not exist.',
	'audit.action.specialtyGoalsImported': 'Imported specialty goals',
	'audit.action.specialtyGoalsChanged': 'Changed specialty goals',
	'audit.action.specialtyGoalsDeleted': 'Removed specialty goals',
	// #11 E yearly report
	'yearly.figure.trainees.total': 'Trainees in the year',
	'yearly.figure.trainees.byRegulation': 'Trainees under {regulation}',
	'yearly.figure.specialistkollegier.held': 'Specialistkollegier held',
	'yearly.figure.assessed.count': 'Trainees assessed in a specialistkollegium in the year',
	'yearly.figure.assessed.share': 'Share of trainees assessed in the year (%)',
	'yearly.figure.lastTwelveMonths.count':
		'Trainees with at least one specialistkollegium in the last 12 months',
	'yearly.figure.lastTwelveMonths.share':
		'Share with at least one specialistkollegium in the last 12 months (%)',
	'yearly.figure.reachedTarget.count':
		'Trainees with at least {target} specialistkollegier during their training',
	'yearly.figure.reachedTarget.share':
		'Share with at least {target} specialistkollegier during their training (%)',
	'yearly.figure.stLakarkollegier.held': 'ST-läkarkollegier held',
	'yearly.figure.feedback.subjects': "Trainees owed feedback after the year's specialistkollegier",
	'yearly.figure.feedback.delivered': 'Feedback delivered',
	'yearly.figure.feedback.share': 'Share of feedback delivered (%)',
	'yearly.figure.feedback.medianDays': 'Median days from meeting to feedback',
	'yearly.figure.actionPlans.opened': 'Action plans (åtgärdsplaner) opened',
	'yearly.figure.actionPlans.closed': 'Action plans (åtgärdsplaner) closed',
	'yearly.figure.followUps.overdue': 'Overdue follow-ups',
	'yearly.csv.key': 'key',
	'yearly.csv.label': 'figure',
	'yearly.csv.value': 'value',
	'yearly.definition.trainees':
		"Trainees in the clinic's people register whose training started on or before 31 December {year}. The register does not say when a training ends, so someone who became a specialist counts until they are taken out of the register.",
	'yearly.definition.specialistkollegier':
		'Specialistkollegier whose meeting started in {year} (Swedish time) and has been held: live, closed or delivered.',
	'yearly.definition.assessed':
		"Trainees in the year who were a subject of at least one of the year's held specialistkollegier, divided by all trainees in the year. Trainees are followed from one kollegium to the next through the people register.",
	'yearly.definition.lastTwelveMonths':
		'Trainees in the year with at least one held specialistkollegium in the twelve months up to and including {asOf}, divided by all trainees in the year.',
	'yearly.definition.reachedTarget':
		'Trainees in the year who have had at least {target} held specialistkollegier up to and including {asOf}, divided by all trainees in the year. The aim is at least {target} during a training.',
	'yearly.definition.stLakarkollegier':
		'ST-läkarkollegier whose meeting started in {year} and has been held.',
	'yearly.definition.feedback':
		"Of the trainees in the year's held specialistkollegier (including those added by hand): how many have their feedback recorded as given, whenever it was. The median counts days from the meeting's day to the day the feedback was given.",
	'yearly.definition.actionPlans':
		"Opened: trainees whose newest final plan, finalised in {year}, holds an action plan. Closed: an action plan followed by the trainee's next final plan that is not at risk, finalised in {year}.",
	'yearly.definition.followUps':
		'Trainees in the register whose newest final plan has a next follow-up date before {asOf}, and with no later specialistkollegium about them held up to and including {asOf}.',
	'yearly.definition.source':
		"The figures are counted only from facts about meetings, plans and handovers, never from anyone's answers.",
	'yearly.pdf.title': 'Yearly report {year}',
	'yearly.pdf.subtitle': 'Specialistkollegier and ST-läkarkollegier for the annual report',
	'yearly.pdf.asOf': 'Counted up to and including {date}',
	'yearly.pdf.generated': 'Created {date}',
	'yearly.pdf.figures': 'Figures',
	'yearly.pdf.definitions': 'How the figures are counted',
	'yearly.pdf.notCounted': 'nothing to count',
	'yearly.fileName': 'Yearly report {year} {clinic}',
	'yearly.group.trainees': 'Trainees',
	'yearly.group.specialistkollegier': 'Specialistkollegier (the specialists assess a trainee)',
	'yearly.group.assessed': 'Assessed in the year',
	'yearly.group.lastTwelveMonths': 'The last 12 months',
	'yearly.group.reachedTarget': 'At least {target} during the training',
	'yearly.group.stLakarkollegier': 'ST-läkarkollegier (the trainees give feedback)',
	'yearly.group.feedback': 'Feedback',
	'yearly.group.actionPlans': 'Action plans',
	'yearly.group.followUps': 'Follow-ups',
	'yearly.shareOf': '{count} of {total}',
	'yearly.days': '{n} days',
	'audit.action.reportExported': 'Exported yearly report',
	// #12 mail
	'error.identityClaimTaken': 'Another account already has that value.',
	'error.mailMisconfigured':
		'E-mail cannot be sent: SMTP_URL is not a valid smtp:// or smtps:// address. Ask whoever runs Kollegium to correct the setting. No link has changed.',
	'error.oidcNoAccount':
		'There is no account for you here. Ask an administrator to invite you with your e-mail address.',
	'error.oidcUnverifiedEmail':
		'The identity provider has not confirmed your e-mail address, so your account could not be recognised.',
	'error.oidcFailed': 'Signing in through the identity provider failed. Please try again.',
	'error.oidcOff': 'Signing in through an identity provider is not switched on here.',
	'error.passwordSignInOff':
		"Signing in with a password is switched off here. Sign in with the region's e-identification.",
	'mail.reminder.subject': 'Reminder: {kind} – {title}',
	'mail.reminder.text':
		'You have not submitted all your answers to the {kind} "{title}" yet. Please answer by {date}.',
	'mail.reminder.link':
		'Use the personal link in the invitation. Lost it? Ask the director of studies for a new one.',
	'mail.planReady.subject': 'The feedback to {trainee} is ready to pass on',
	'mail.planReady.text':
		'The development plan for {trainee} from "{title}" is final and the feedback PDF can be downloaded. Pass the feedback on to {trainee}, then record that you have, through the link below.',
	'mail.handoverReminder.subject': 'Reminder: the feedback to {trainee}',
	'mail.handoverReminder.text':
		'The feedback from "{title}" to {trainee} is not recorded as passed on yet. Pass it on and record it through the link below.',
	'validation.reminderDaysRepeated': 'The same day appears twice.',
	'mail.kind.specialistkollegium': 'specialist review meeting (specialistkollegium)',
	'mail.kind.st-lakarkollegium': 'trainee feedback meeting (ST-läkarkollegium)',
	'mail.invitation.subject': 'Invitation: {kind} – {title}',
	'mail.invitation.greeting': 'Hello {name},',
	'mail.invitation.intro': 'You are invited to the {kind} "{title}" at {clinic}.',
	'mail.invitation.assessor':
		'Please fill in the form about {names} before the meeting. Answers are only shown aggregated and without names.',
	'mail.invitation.traineeSelf': 'Please fill in the self-assessment before the meeting.',
	'mail.invitation.traineeFeedback':
		'Please give your feedback on supervision and training before the meeting. Answers are only shown aggregated and without names.',
	'mail.invitation.other': 'You will take part in the meeting.',
	'mail.invitation.when': 'Meeting: {date}',
	'mail.invitation.where': 'Place: {place}',
	'mail.invitation.deadline': 'Answer by: {date}',
	'mail.invitation.link': 'Your personal link:',
	'mail.invitation.personal':
		'The link is personal: do not forward this e-mail. A new link from the director of studies replaces this one.',
	'mail.invitation.calendar': 'The meeting is attached as a calendar file.',
	'mail.update.subject': 'Changed: {kind} – {title}',
	'mail.update.text': 'The time or place of the {kind} "{title}" has changed.',
	'mail.update.linkUnchanged': 'Your personal link from the invitation still works.',
	'mail.cancel.subject': 'Cancelled: {kind} – {title}',
	'mail.cancel.text': 'The {kind} "{title}" on {date} is cancelled.',
	'error.mailOff':
		'E-mail is not switched on for this installation (SMTP_URL is not set). Copy the links instead.',
	'error.messageNotFound': 'The message does not exist.',
	'error.remindersClosed': 'Answering has closed: there is nobody to remind.',
	'error.messageNotResendable': 'Only a failed message can be sent again.',
	'error.unauthenticated': 'Please sign in.',
	'error.wrongCredentials': 'Wrong email address or password.',
	'error.tooManyAttempts': 'Too many failed attempts. Please wait a while and try again.',
	'error.setupLinkInvalid': 'The setup link is no longer valid. Restart the server for a new link.',
	'error.kollegiumNotFound':
		'The kollegium does not exist, or it belongs to a clinic you are not a member of.',
	'error.formLocked': 'The form is locked because the kollegium is already open for answers.',
	'error.kindLocked': 'The kind of kollegium cannot be changed afterwards.',
	'error.statusNotAllowed': 'That status change is not possible now.',
	'error.nothingToAnswer':
		'Add at least one trainee or supervisor and participants who will answer before opening.',
	'error.participantIsSubject':
		'This person is a trainee of the kollegium. Remove them under trainees instead.',
	'error.answeringClosed': 'The deadline has passed. Your answers can no longer be changed.',
	'error.notOpenYet':
		'The form is not open yet. The director of studies opens it when everything is ready.',
	'error.staleRevision':
		'Your answers were changed in another window. Reload the page to see the latest.',
	'error.otherDevice':
		'The answers were written in another browser. Start over here to answer from this one.',
	'error.answeringClosedForGood':
		'The answers are already prepared for the meeting; answering cannot reopen.',
	'error.answersLocked':
		'Answering has closed: nobody can be removed now, since the difference would show what that person answered.',
	'error.bodyTooLarge': 'Too much text at once.',
	'error.validation': 'Some fields need correcting.',
	'error.network': 'No connection to the server. Please try again shortly.',
	'error.invitationInvalid':
		'The link is not valid. Use the latest link you received, or ask the director of studies for a new one.',
	'error.internal':
		'Something went wrong on our side. Please try again; if it persists, contact support.',
	'error.notFound': 'Page not found.',
	'error.generic': 'Something went wrong.',
	'error.minRespondentsLocked':
		'The minimum number of respondents cannot be lowered once the kollegium is open; respondents were promised it.',
	'error.answeringStillOpen': 'Answering is still open. Close it before the meeting starts.',
	'error.commentNotFound': 'The comment does not exist.',
	'error.planNotFinal': 'The plan is not marked final yet.',
	'error.noPlanForSubject': 'There is no plan to mark for this one.',
	'error.feedbackNotGiven': 'Not all feedback has been given yet.',
	'error.feedbackNotShared': 'The feedback has not been shared with you yet.',
	'error.commentAlreadyShown': 'The comment has already been shown to the room and cannot change.',
	'error.feedbackAlreadyGiven':
		'The feedback has already been given; the plan cannot change after that.',
	'error.pdfBusy': 'Many PDFs are being made right now. Try again in a moment.',
	'error.subjectNotFound': 'Not found.',
	'error.page.title': 'Something went wrong',
	'error.invitationMissing': 'The link is missing. Open the personal link you received.',
	'error.unsupportedMediaType': 'The request must be sent as JSON.',
	'error.crossOrigin':
		'The request came from another site and was stopped. Open Kollegium at its own address.',
	'error.notYourForm': 'That form is not one of yours.',
	'error.participantNotFound': 'The participant does not exist.',
	'error.clinicIsFixed': 'The clinic belongs to every ST-läkarkollegium and cannot be removed.',
	'error.templateNotFound': 'The form does not exist.',
	'error.forbidden': 'You do not have access to this.',
	'error.badRequest': 'The request could not be understood.',
	'error.meetingNotLive': 'The meeting is not in progress.',
	'error.notInThisMeeting':
		'You are not part of this meeting. Your supervisor will give you the feedback afterwards.',
	'error.documentNotOpen': 'The document opens when the meeting starts.',
	// accounts and clinics
	'error.clinicNotFound': 'The clinic does not exist, or you are not a member of it.',
	'error.accountNotFound': 'The account does not exist.',
	'error.accountLinkInvalid':
		'The link is no longer valid: it has been used, revoked or is older than 7 days. Ask an administrator for a new one.',
	'error.wrongPassword': 'The current password is not right.',
	'error.lastAdmin': 'At least one active administrator must remain.',
	'error.notYourself':
		'You cannot deactivate your own account or remove your own administrator role.',
	'error.accountDeactivated': 'The account is deactivated.',

	// phone form (#14)
	'validation.minEntries': 'Add at least {n}.',
	'validation.missing': 'Please fill in this field.',
	'validation.invalid': 'Invalid value.',
	'validation.choose': 'Choose one of the options.',
	'validation.email': 'Enter a valid email address.',
	'validation.url': 'Enter a valid link starting with https://.',
	'validation.dateTime': 'Enter a valid date and time.',
	'validation.date': 'Enter a valid date.',
	'validation.minChars': 'Enter at least {n} characters.',
	'validation.maxChars': 'At most {n} characters.',
	'validation.minNumber': 'At least {n}.',
	'validation.maxNumber': 'At most {n}.',
	'validation.minItems': 'Choose at least {n}.',
	'validation.maxItems': 'At most {n}.',
	'validation.wholeNumber': 'Enter a whole number.',
	'validation.deadlineAfterMeeting': 'The answer deadline must be before the meeting.',
	'validation.nothingToChange': 'Say what to change.',
	'validation.wrongPassword': 'The current password is not right.',
	'validation.emailTaken': 'There is already an account with that e-mail address.',
	'validation.unknownClinic': 'Choose one of the clinics.',
	'validation.chooseClinic': 'Choose the clinic the kollegium belongs to.',
	'validation.tooManyAnswers': 'Too many answers.',
	'validation.answeringClosedForGood':
		'The answers are already prepared for the meeting; answering cannot reopen.',
	'validation.instrumentRequired': 'Name the assessment instrument that will show progress.',
	'validation.actionPlanRequired':
		'A trainee at risk of not reaching the goals needs an action plan.',
	'validation.studierektorInformed': 'Confirm that the director of studies is informed.',
	'validation.inThePast': 'The meeting is in the past. Check the date and time.',
	'validation.notForThisKind': 'This question does not fit this kind of kollegium.',
	'validation.beforePlanFinal': 'The date cannot be before the day the plan was final.',
	'validation.dateInFuture': 'The date cannot be in the future.',
	'validation.required': 'This question needs an answer.',
	'validation.invalidOption': 'Choose one of the options.',
	'validation.tooLong': 'The text is too long.',
	'validation.unknownItem': 'No such question on this form.',
	'validation.wrongType': 'Wrong kind of answer for this question.',
	'validation.unknownTemplate': 'There is no such form for this kind of kollegium.',
	'validation.mergeSameSubject': 'Merge into another comment about the same subject.',
	'validation.assessedTraineeAsSupervisor':
		'A trainee assessed in this kollegium cannot be a main supervisor here.',
	'validation.wrongSubjectKind':
		'Does not fit this kind of kollegium: a specialistkollegium assesses trainees, an ST-läkarkollegium gives feedback on supervisors.',
	'validation.supervisorNotParticipant':
		'The main supervisor must be a participant of this kollegium.',
	// people register
	'validation.peopleEmptyFile': 'The file contains no people.',
	'validation.peopleNoHeader':
		'The first row must be the column headers, for example kind,name,email,supervisor.',
	'validation.peopleUnknownColumn': 'Unknown column: {column}.',
	'validation.peopleMissingColumn': 'The column {column} is missing.',
	'validation.peopleDuplicateColumn': 'The column {column} appears more than once.',
	'validation.peopleTooManyRows': 'The file has more than {n} rows. Split it into several files.',
	'validation.peopleUnclosedQuote': 'A quotation mark that starts on line {line} is never closed.',
	'validation.peopleExtraCells':
		'The row has more values than there are columns. Put text containing a comma or semicolon in quotation marks.',
	'validation.peopleUnknownKind': 'Unknown kind. Use specialist, trainee or observer.',
	'validation.peopleRegulation': 'Use HSLF-FS 2021:8 or SOSFS 2015:8.',
	'validation.peopleDuplicateEmail': 'The same email address as on line {line}.',
	'validation.peopleDuplicatePerson':
		'The same person as on line {line}. Give an email address to tell them apart.',
	'validation.peopleEmailTaken':
		'The email address is already used by someone else in the register.',
	'validation.peopleSupervisorUnknown':
		'Nobody with that email address or exactly that name is in the register or the file.',
	'validation.peopleSupervisorAmbiguous':
		'Several people have that name. Give the supervisor’s email address instead.',
	'validation.peopleSupervisorNotSpecialist':
		'The supervisor must be a specialist in the register.',
	'validation.peopleStillSupervisor':
		'This person supervises {name} and cannot stop being a specialist until {name} has a new supervisor.',

	'error.personNotFound': 'The person is not in the clinic’s register.',
	'audit.fileName': 'Audit log',
	'people.fileName': 'People register {clinic}',
	// audit log (#13)
	'audit.action.signedIn': 'Signed in',
	'audit.action.signInFailed': 'Failed sign-in',
	'audit.action.accountCreated': 'Account created',
	'audit.action.passwordChanged': 'Changed password',
	'audit.action.passwordReset': 'Reset password with link',
	'audit.action.accountChanged': 'Changed account',
	'audit.action.resetLinkIssued': 'Issued reset link',
	'audit.action.accountInvitationIssued': 'Invited colleague',
	'audit.action.accountInvitationWithdrawn': 'Withdrew invitation',
	'audit.action.clinicCreated': 'Created clinic',
	'audit.action.clinicChanged': 'Changed clinic',
	'audit.action.membershipChanged': 'Changed membership',
	'audit.action.membershipRemoved': 'Removed from clinic',
	'audit.action.linkIssued': 'Issued personal link',
	'audit.action.linkRevoked': 'Revoked personal link',
	'audit.action.statusChanged': 'Changed status',
	'audit.action.answeringClosed': 'Closed answering',
	'audit.action.revealed': 'Revealed step to the room',
	'audit.action.pdfDownloaded': 'Downloaded PDF',
	'audit.action.planFinalized': 'Marked plan final',
	'audit.action.handoverRecorded': 'Recorded feedback given',
	'audit.action.kollegiumDeleted': 'Deleted kollegium',
	'audit.action.participantRemoved': 'Removed participant',
	'audit.action.peopleImported': 'Imported people register',
	'audit.action.peopleExported': 'Exported people register',
	'audit.action.personDeleted': 'Deleted person from register',
	'audit.action.auditExported': 'Exported the audit log',
	'audit.column.at': 'time',
	'audit.column.who': 'who',
	'audit.column.action': 'action',
	'audit.column.target': 'about',
	'audit.column.detail': 'detail',
	'audit.column.address': 'address',
	// the summary page (#14)
	'pdf.summaryPage': 'Summary',
	'pdf.summaryKey':
		"The group's answers per area, from low (light) to high (dark) level, with the number of answers per level below the bar. The self-assessment is the trainee's own median over the same questions.",
	'pdf.summaryKey.clinic': 'The answers per area, from low (light) to high (dark) level.',
	'pdf.area': 'Area',
	'pdf.groupAnswers': "The group's answers",
	'pdf.hiddenArea': 'Not shown: fewer than {k} answers',
	'pdf.noAreas': 'No ratings were shown in the meeting.',
	'pdf.goalDue': 'due {date}',
	'pdf.details': 'Details per area and the whole plan',
	'pdf.title.trainee': 'Feedback from specialistkollegium',
	'pdf.title.clinic': 'Summary from ST-läkarkollegium',
	'pdf.page': 'Page {page} of {pages}',
	'pdf.date': 'Date',
	'pdf.subject.trainee': 'Trainee',
	'pdf.clinic': 'Clinic',
	'pdf.subject.clinic': 'Clinic',
	'pdf.specialty': 'Specialty',
	'pdf.training': 'Time in training',
	'pdf.month': 'month {month} of specialist training',
	'pdf.respondents': 'Respondents',
	'pdf.fewer': 'fewer than {k} (not shown)',
	'pdf.supervisor': 'Supervisor',
	'pdf.hiddenItem': 'Not shown: fewer than {k} answers',
	'pdf.hiddenStep': 'Not shown: fewer than {k} responded',
	'pdf.hiddenQuestion': 'Not shown: fewer than {k} wrote here',
	'pdf.noComments': 'No comments were shown.',
	'pdf.answers': 'Answers',
	'pdf.median': 'Median',
	'pdf.cannotAssess': 'Cannot assess',
	'pdf.self': 'Self-assessment',
	'pdf.finalized': 'Finalised {date} (version {version})',
	'pdf.developmentPlan': 'Development plan',
	'pdf.summary': 'Summary of the discussion',
	'pdf.strengths': 'Strengths',
	'pdf.developmentAreas': 'Areas for development',
	'pdf.goals': 'Goals and activities',
	'pdf.goalColumn.goal': 'Goal',
	'pdf.goalColumn.delmal': 'Delmål',
	'pdf.goalColumn.activities': 'Activities',
	'pdf.goalColumn.responsible': 'Responsible',
	'pdf.goalColumn.dueDate': 'Due by',
	'pdf.goalColumn.followUp': 'Follow-up',
	'pdf.nextFollowUp': 'Next follow-up',
	'pdf.actionPlan': 'Action plan',
	'pdf.problemAreas': 'Problem areas',
	'pdf.supportMeasures': 'Support measures',
	'pdf.timePlan': 'Time plan',
	'pdf.followUp': 'Follow-up',
	'pdf.informed': 'Director of studies informed: yes',
	'pdf.improvementPlan': 'Improvement plan',
	'pdf.spurSummary': 'Summary per SPUR area',
	'pdf.actions': 'Actions',
	'pdf.rowColumn.area': 'Area',
	'pdf.rowColumn.action': 'Planned action',
	'pdf.rowColumn.dueDate': 'Done by',
	'pdf.rowColumn.owner': 'Carried out by',
	'pdf.rowColumn.followUpDate': 'Follow-up (date)',
	'pdf.rowColumn.followUpBy': 'Followed up by',
	'pdf.none': 'None given.',
	'pdf.signature.trainee': 'Trainee',
	'pdf.signature.supervisor': 'Supervisor',
	'pdf.signature.facilitator': 'Director of studies',
	'pdf.signature.head': 'Head of department',
	'pdf.nameClarification': 'Name in print',
	'pdf.fileName': 'Feedback {name} {date}',

	'report.activityKind.placement': 'Placement',
	'report.activityKind.course': 'Course',
	'report.activityKind.self-study': 'Self-study',
	'report.activityKind.assessment': 'Assessment instrument',
	'report.activityKind.supervision': 'Supervision',
	'report.activityKind.other': 'Other',
	'report.instrument.mini-cex': 'Mini-CEX',
	'report.instrument.dops': 'DOPS',
	'report.instrument.cbd': 'CBD',
	'report.instrument.medsittning': 'Sit-in',
	'report.instrument.msf-360': '360-degree/MSF',
	'report.instrument.korkort': 'Sign-off (körkort)',
	'report.instrument.ge-kniven-vidare': 'Ge kniven vidare',
	'report.spurArea.A': 'The clinic',
	'report.spurArea.B': 'Staff and internal competence',
	'report.spurArea.C': 'Premises and equipment',
	'report.spurArea.D': 'Structure of the training',
	'report.spurArea.E': 'Supervision and assessment',
	'report.spurArea.F': 'Theoretical education',
	'report.spurArea.G': 'Medical science and quality improvement',
	'report.spurArea.H': 'Leadership and communication',
	'form.customSection': 'Additional questions'
};
