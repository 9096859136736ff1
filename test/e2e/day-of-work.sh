#!/usr/bin/env bash
# A day of work by command alone (issue 21), as a script over SSH or from cron would do it: a new
# customer, a deal moved to won, its order paid, a complaint replied to and resolved, and the
# follow-up on that complaint done. Records are named as an operator names them — by name, title,
# subject or order number — and ids are read back only where a record has no name of its own.
# Needs `crm` on the PATH and CRM_DATA naming the data file. Stops at the first refusal (set -e).
set -euo pipefail

customer='Harbour Lights Ltd'
deal='Harbour Lights renewal'
complaint='Harbour Lights: invoice shows the wrong seats'

crm customer add --set name="$customer" --set email=ops@harbour.example --set status=active --fields id,name

# The deal: added in qualification, moved on by one stage and then to a named one, won for its price.
crm deal add --set title="$deal" --set customerId="$customer" --set amount=48,000 --set stage=qualification \
	--fields title,stage
crm deal advance "$deal" --fields stage
crm deal stage "$deal" negotiation --fields stage
crm deal won "$deal" --reason price --fields stage,wonReason

# Its order: the number the store gives it read back from CSV, then confirmed → fulfilled → paid.
number=$(crm order add --set customerId="$customer" --set opportunityId="$deal" --set status=confirmed \
	--set orderedAt=today --set lines.0='2 x Seat licence @ 24,000' --fields number --csv | tail -n 1)
crm order advance "$number" --fields number,status
crm order pay "$number" --fields number,status,paidAt

# A complaint: replied to, then resolved.
crm ticket add --set subject="$complaint" --set customerId="$customer" --set type=complaint --set priority=high \
	--fields subject,status
crm ticket reply "$complaint" 'Sorry: the invoice is corrected and sent again.' --fields status,firstResponseAt
crm ticket resolve "$complaint" --fields status,resolvedAt

# The follow-up on the complaint (its customer is the ticket's): a follow-up is named by its id.
followup=$(crm followup add --set ticketId="$complaint" --set text='Check the corrected invoice arrived' \
	--set dueAt=today --fields id --csv | tail -n 1)
crm followup done "$followup" --fields kind,doneAt

echo "day of work done: $customer, $deal, order $number, ticket and follow-up $followup"
