# fish completion for csw.
# Generated from the command table by 'csw completions fish'; do not edit.
# Install it as ~/.config/fish/completions/csw.fish, or load it in a
# session with: csw completions fish | source

function __csw_takes_next --argument-names path word --description 'Test whether the next token is the value of this option'
    if string match -q -- '--*' $word
        string match -q -- '*=*' $word; and return 1
        contains -- $word (__csw_value_options $path)
        return
    end
    # Clustered short options: the first that takes a value takes the
    # rest of the token, or the next token when it is the last letter.
    set -l letters (string split '' -- (string sub -s 2 -- $word))
    for i in (seq (count $letters))
        if contains -- -$letters[$i] (__csw_value_options $path)
            test $i -eq (count $letters)
            return
        end
    end
    return 1
end

function __csw_walk --description 'Print "POSITIONAL|PATH" for the tokens before the cursor'
    set -l words (commandline -opc)
    set -e words[1]
    set -l path
    set -l positional 0
    set -l pending 0
    set -l ended 0
    for word in $words
        if test $pending -eq 1
            set pending 0
        else if test $ended -eq 0; and test "$word" = --
            set ended 1
        else if test $ended -eq 0; and string match -q -- '-?*' $word
            __csw_takes_next "$path" $word; and set pending 1
        else if test $positional -eq 0; and contains -- $word (__csw_subcommands "$path")
            set -a path $word
        else
            set positional (math $positional + 1)
        end
    end
    echo "$positional|$path"
end

function __csw_state --description 'Print the walk of the current line, computed once per line'
    set -l line (commandline -cp)
    if not set -q __csw_state_line; or test "$__csw_state_line" != "$line"
        set -g __csw_state_line $line
        set -g __csw_state_value (__csw_walk)
    end
    string split -m 1 '|' -- $__csw_state_value
end

function __csw_at --argument-names key --description 'Test whether the command path is KEY'
    set -l state (__csw_state)
    test "$state[2]" = "$key"
end

function __csw_at_command --argument-names key --description 'Test whether the path is KEY and no argument follows it'
    set -l state (__csw_state)
    test "$state[2]" = "$key"; and test $state[1] -eq 0
end

function __csw_wants --argument-names kind --description 'Test whether the next positional argument is of this kind'
    set -l state (__csw_state)
    set -l actual (__csw_argument_kind "$state[2]" $state[1])
    test "$actual" = "$kind"
end

function __csw_store --argument-names kind --description 'Print store values of a kind, using any --db on the line'
    set -l words (commandline -opc)
    set -l arguments
    for i in (seq 2 (count $words))
        switch $words[$i]
            case --db
                set arguments --db $words[(math $i + 1)]
            case '--db=*'
                set arguments --db (string replace -- --db= '' $words[$i])
        end
    end
    set -l program (string replace -r -- '^~/' "$HOME/" $words[1])
    set arguments (string replace -r -- '^~/' "$HOME/" $arguments)
    set -l prefix (commandline -ct | string unescape 2>/dev/null)
    string match -q -- '-*' "$prefix"; and set prefix ''
    $program $arguments __complete $kind "$prefix" 2>/dev/null
end

function __csw_subcommands --argument-names path --description 'Print the subcommands at a path'
    switch $path
        case ''
            printf '%s\n' subscribe list show update enable disable delete rotate-secret export import events fire retry deliveries redeliver listen verify config shell completions help
        case events
            printf '%s\n' show
        case deliveries
            printf '%s\n' show
        case config
            printf '%s\n' get set list
    end
end

function __csw_value_options --argument-names path --description 'Print the options at a path that take a value'
    switch $path
        case ''
            printf '%s\n' --db
        case subscribe
            printf '%s\n' --url -u --event -e --department -d --description --secret-file --header -H --ca-file --db
        case list
            printf '%s\n' --event -e --department -d --format --db
        case show
            printf '%s\n' --db
        case update
            printf '%s\n' --url -u --event -e --add-event --remove-event --add-department --remove-department --description --header -H --remove-header --ca-file --db
        case enable
            printf '%s\n' --event -e --department -d --db
        case disable
            printf '%s\n' --event -e --department -d --reason --db
        case delete
            printf '%s\n' --db
        case rotate-secret
            printf '%s\n' --grace --secret-file --db
        case export
            printf '%s\n' --output -o --db
        case import
            printf '%s\n' --db
        case events
            printf '%s\n' --db
        case 'events show'
            printf '%s\n' --department -d --db
        case fire
            printf '%s\n' --event -e --department -d --data --set --to --retries --concurrency --timeout --connect-timeout --db
        case retry
            printf '%s\n' --concurrency --timeout --connect-timeout --db
        case deliveries
            printf '%s\n' --subscription -s --event -e --since --limit --db
        case 'deliveries show'
            printf '%s\n' --db
        case redeliver
            printf '%s\n' --timeout --connect-timeout --db
        case listen
            printf '%s\n' --port -p --host --secret-file --subscription -s --status --count --tolerance --db
        case verify
            printf '%s\n' --secret-file --subscription -s --id --timestamp --signature --body-file --tolerance --db
        case config
            printf '%s\n' --db
        case 'config get'
            printf '%s\n' --db
        case 'config set'
            printf '%s\n' --db
        case 'config list'
            printf '%s\n' --db
        case shell
            printf '%s\n' --db
        case completions
            printf '%s\n' --db
        case help
            printf '%s\n' --db
    end
end

function __csw_argument_kind --argument-names path index --description 'Print the kind of a positional argument'
    switch "$path|$index"
        case 'show|0'
            echo subscriptions
        case 'update|0'
            echo subscriptions
        case 'enable|''*'
            echo subscriptions
        case 'disable|''*'
            echo subscriptions
        case 'delete|''*'
            echo subscriptions
        case 'rotate-secret|0'
            echo subscriptions
        case 'import|0'
            echo files
        case 'events show|0'
            echo choice3
        case 'deliveries show|0'
            echo deliveries
        case 'redeliver|0'
            echo deliveries
        case 'config get|0'
            echo choice5
        case 'config set|0'
            echo choice5
        case 'config set|1'
            echo text
        case 'completions|0'
            echo choice6
        case 'help|0'
            echo choice7
        case 'help|1'
            echo text
    end
end

function __csw_words --argument-names name --description 'Print a fixed word list with descriptions'
    switch $name
        case events
            printf '%s\n' 'response_created'\t'A respondent started a response to an activity.'
            printf '%s\n' 'response_submitted'\t'A respondent submitted a response.'
            printf '%s\n' 'response_analysis_modified'\t'An analyst changed the analysis of a response.'
            printf '%s\n' 'response_analysis_completed'\t'The analysis of a response was marked complete.'
            printf '%s\n' 'mailing_list_subscriber_added'\t'Someone joined an activity\'s mailing list.'
            printf '%s\n' 'activity_created'\t'An activity was created.'
            printf '%s\n' 'activity_published'\t'An activity was published.'
            printf '%s\n' 'activity_retracted'\t'A published activity was retracted.'
            printf '%s\n' 'activity_state_changed'\t'An activity moved to another state, such as open to closed.'
            printf '%s\n' 'user_created'\t'A user account was created.'
            printf '%s\n' 'user_suspended'\t'A user account was suspended.'
            printf '%s\n' 'user_reinstated'\t'A suspended user account was reinstated.'
            printf '%s\n' 'user_profile_edited'\t'A user changed their profile.'
            printf '%s\n' 'user_deleted'\t'A user account was deleted.'
            printf '%s\n' 'responses'\t'Every event of the responses group.'
            printf '%s\n' 'activities'\t'Every event of the activities group.'
            printf '%s\n' 'users'\t'Every event of the users group.'
            printf '%s\n' '*'\t'Every event.'
        case choice2
            printf '%s\n' table
            printf '%s\n' tsv
            printf '%s\n' json
        case choice3
            printf '%s\n' 'response_created'\t'A respondent started a response to an activity.'
            printf '%s\n' 'response_submitted'\t'A respondent submitted a response.'
            printf '%s\n' 'response_analysis_modified'\t'An analyst changed the analysis of a response.'
            printf '%s\n' 'response_analysis_completed'\t'The analysis of a response was marked complete.'
            printf '%s\n' 'mailing_list_subscriber_added'\t'Someone joined an activity\'s mailing list.'
            printf '%s\n' 'activity_created'\t'An activity was created.'
            printf '%s\n' 'activity_published'\t'An activity was published.'
            printf '%s\n' 'activity_retracted'\t'A published activity was retracted.'
            printf '%s\n' 'activity_state_changed'\t'An activity moved to another state, such as open to closed.'
            printf '%s\n' 'user_created'\t'A user account was created.'
            printf '%s\n' 'user_suspended'\t'A user account was suspended.'
            printf '%s\n' 'user_reinstated'\t'A suspended user account was reinstated.'
            printf '%s\n' 'user_profile_edited'\t'A user changed their profile.'
            printf '%s\n' 'user_deleted'\t'A user account was deleted.'
        case choice4
            printf '%s\n' 127.0.0.1
            printf '%s\n' '::1'
        case choice5
            printf '%s\n' site-url
            printf '%s\n' retry-schedule
        case choice6
            printf '%s\n' bash
            printf '%s\n' zsh
            printf '%s\n' fish
        case choice7
            printf '%s\n' subscribe
            printf '%s\n' list
            printf '%s\n' show
            printf '%s\n' update
            printf '%s\n' enable
            printf '%s\n' disable
            printf '%s\n' delete
            printf '%s\n' rotate-secret
            printf '%s\n' export
            printf '%s\n' import
            printf '%s\n' events
            printf '%s\n' fire
            printf '%s\n' retry
            printf '%s\n' deliveries
            printf '%s\n' redeliver
            printf '%s\n' listen
            printf '%s\n' verify
            printf '%s\n' config
            printf '%s\n' shell
            printf '%s\n' completions
            printf '%s\n' help
    end
end

# Files only where a value is a file.
complete -c csw -f

# Options of every command
complete -c csw -l db -r -F -d 'Use the store at PATH instead of $CSW_DB or the default.'
complete -c csw -l no-input -d 'Never prompt; fail at once when a value is missing.'
complete -c csw -s v -l verbose -d 'Print SQL, HTTP and header traces on standard error, secrets redacted.'
complete -c csw -s h -l help -d 'Show help for the command and exit.'

# csw
complete -c csw -n '__csw_at_command \'\'' -a subscribe -d 'Create a subscription: a URL that receives some events.'
complete -c csw -n '__csw_at_command \'\'' -a list -d 'List subscriptions.'
complete -c csw -n '__csw_at_command \'\'' -a show -d 'Show one subscription.'
complete -c csw -n '__csw_at_command \'\'' -a update -d 'Change a subscription\'s URL, events, departments, description or headers.'
complete -c csw -n '__csw_at_command \'\'' -a enable -d 'Enable subscriptions by id or in bulk by event and department.'
complete -c csw -n '__csw_at_command \'\'' -a disable -d 'Disable subscriptions by id or in bulk by event and department.'
complete -c csw -n '__csw_at_command \'\'' -a delete -d 'Delete subscriptions.'
complete -c csw -n '__csw_at_command \'\'' -a rotate-secret -d 'Give a subscription a new signing secret, keeping the old one for a grace period.'
complete -c csw -n '__csw_at_command \'\'' -a export -d 'Print every subscription as JSON, secrets included, for backups.'
complete -c csw -n '__csw_at_command \'\'' -a import -d 'Add the subscriptions of an export file; all of them or none.'
complete -c csw -n '__csw_at_command \'\'' -a events -d 'List the event types, their groups and what each means.'
complete -c csw -n '__csw_at_command \'\'' -a fire -d 'Send an event to every enabled subscription that matches it.'
complete -c csw -n '__csw_at_command \'\'' -a retry -d 'Send every pending or failed delivery that is due.'
complete -c csw -n '__csw_at_command \'\'' -a deliveries -d 'List deliveries and their outcomes.'
complete -c csw -n '__csw_at_command \'\'' -a redeliver -d 'Send a past delivery again, with the same webhook-id and body.'
complete -c csw -n '__csw_at_command \'\'' -a listen -d 'Receive webhooks on 127.0.0.1, print them and check their signatures.'
complete -c csw -n '__csw_at_command \'\'' -a verify -d 'Check a webhook\'s signature and timestamp, for receivers written in shell.'
complete -c csw -n '__csw_at_command \'\'' -a config -d 'Show or change settings kept in the store.'
complete -c csw -n '__csw_at_command \'\'' -a shell -d 'Run csw commands at an interactive prompt with line editing and history.'
complete -c csw -n '__csw_at_command \'\'' -a completions -d 'Print the completion script for bash, zsh or fish.'
complete -c csw -n '__csw_at_command \'\'' -a help -d 'Show help for csw or for one command.'
complete -c csw -n '__csw_at \'\'' -l version -d 'Print the version and exit.'

# csw subscribe
complete -c csw -n '__csw_at subscribe' -s u -l url -r -f -d 'The http or https URL that receives the POST requests.'
complete -c csw -n '__csw_at subscribe' -s e -l event -r -f -a '(__csw_words events)' -d 'An event type, a group (responses, activities, users) or \'*\'; repeat for several.'
complete -c csw -n '__csw_at subscribe' -s d -l department -r -f -a '(__csw_store departments)' -d 'Only events of this department; repeat for several. Without it, every department.'
complete -c csw -n '__csw_at subscribe' -l description -r -f -d 'A note for people reading the list.'
complete -c csw -n '__csw_at subscribe' -l secret-file -r -F -d 'Read the signing secret (whsec_...) from FILE, or \'-\' for standard input.'
complete -c csw -n '__csw_at subscribe' -s H -l header -r -f -d 'Send this request header too; repeat for several.'
complete -c csw -n '__csw_at subscribe' -l disabled -d 'Create the subscription disabled.'
complete -c csw -n '__csw_at subscribe' -l allow-private-network -d 'Allow delivery to loopback, private and link-local addresses.'
complete -c csw -n '__csw_at subscribe' -l ca-file -r -F -d 'Trust the certificate authorities in FILE (PEM) for this URL.'
complete -c csw -n '__csw_at subscribe' -s f -l force -d 'Create it even when one with the same URL and scope exists.'
complete -c csw -n '__csw_at subscribe' -s q -l quiet -d 'Print less, for scripts: only ids where the command prints any, and no summary.'
complete -c csw -n '__csw_at subscribe' -l json -d 'Print JSON for scripts instead of text.'

# csw list
complete -c csw -n '__csw_at list' -s e -l event -r -f -a '(__csw_words events)' -d 'Only subscriptions to this event, group or \'*\'; repeat for several.'
complete -c csw -n '__csw_at list' -s d -l department -r -f -a '(__csw_store departments)' -d 'Only subscriptions that receive events of this department; repeat for several.'
complete -c csw -n '__csw_at list' -l enabled -d 'Only enabled subscriptions.'
complete -c csw -n '__csw_at list' -l disabled -d 'Only disabled subscriptions.'
complete -c csw -n '__csw_at list' -l format -r -f -a '(__csw_words choice2)' -d 'Output format: table, tsv or json (default table).'
complete -c csw -n '__csw_at list' -l json -d 'Print JSON for scripts instead of text.'

# csw show
complete -c csw -n '__csw_at show' -l show-secret -d 'Also print the signing secret and the URL with its credentials unmasked.'
complete -c csw -n '__csw_at show' -l json -d 'Print JSON for scripts instead of text.'

# csw update
complete -c csw -n '__csw_at update' -s u -l url -r -f -d 'Send to this URL from now on.'
complete -c csw -n '__csw_at update' -s e -l event -r -f -a '(__csw_words events)' -d 'Replace the events with these; repeat for several.'
complete -c csw -n '__csw_at update' -l add-event -r -f -a '(__csw_words events)' -d 'Add an event, group or \'*\'; repeat for several.'
complete -c csw -n '__csw_at update' -l remove-event -r -f -a '(__csw_words events)' -d 'Remove an event or group; repeat for several.'
complete -c csw -n '__csw_at update' -l add-department -r -f -a '(__csw_store departments)' -d 'Limit to this department too; repeat for several.'
complete -c csw -n '__csw_at update' -l remove-department -r -f -a '(__csw_store departments)' -d 'Stop sending events of this department; repeat for several.'
complete -c csw -n '__csw_at update' -l all-departments -d 'Remove every department limit.'
complete -c csw -n '__csw_at update' -l description -r -f -d 'Replace the description.'
complete -c csw -n '__csw_at update' -s H -l header -r -f -d 'Set a request header, replacing one of the same name; repeat for several.'
complete -c csw -n '__csw_at update' -l remove-header -r -f -d 'Stop sending a header; repeat for several.'
complete -c csw -n '__csw_at update' -l allow-private-network -d 'Allow delivery to loopback, private and link-local addresses.'
complete -c csw -n '__csw_at update' -l deny-private-network -d 'Deliver to public addresses only (the default).'
complete -c csw -n '__csw_at update' -l ca-file -r -F -d 'Trust the certificate authorities in FILE (PEM) for this URL.'
complete -c csw -n '__csw_at update' -l default-ca -d 'Go back to the system\'s certificate authorities.'
complete -c csw -n '__csw_at update' -s f -l force -d 'Apply it even when another subscription has the same URL and scope.'
complete -c csw -n '__csw_at update' -l json -d 'Print JSON for scripts instead of text.'

# csw enable
complete -c csw -n '__csw_at enable' -s e -l event -r -f -a '(__csw_words events)' -d 'Only subscriptions to this event, group or \'*\'; repeat for several.'
complete -c csw -n '__csw_at enable' -s d -l department -r -f -a '(__csw_store departments)' -d 'Only subscriptions that receive events of this department; repeat for several.'
complete -c csw -n '__csw_at enable' -s n -l dry-run -d 'Show what would change and change nothing.'
complete -c csw -n '__csw_at enable' -s y -l yes -d 'Do not ask for confirmation.'
complete -c csw -n '__csw_at enable' -l json -d 'Print JSON for scripts instead of text.'

# csw disable
complete -c csw -n '__csw_at disable' -s e -l event -r -f -a '(__csw_words events)' -d 'Only subscriptions to this event, group or \'*\'; repeat for several.'
complete -c csw -n '__csw_at disable' -s d -l department -r -f -a '(__csw_store departments)' -d 'Only subscriptions that receive events of this department; repeat for several.'
complete -c csw -n '__csw_at disable' -l reason -r -f -d 'Record why (default: disabled by hand).'
complete -c csw -n '__csw_at disable' -s n -l dry-run -d 'Show what would change and change nothing.'
complete -c csw -n '__csw_at disable' -s y -l yes -d 'Do not ask for confirmation.'
complete -c csw -n '__csw_at disable' -l json -d 'Print JSON for scripts instead of text.'

# csw delete
complete -c csw -n '__csw_at delete' -s y -l yes -d 'Do not ask for confirmation.'
complete -c csw -n '__csw_at delete' -s n -l dry-run -d 'Show what would change and change nothing.'

# csw rotate-secret
complete -c csw -n '__csw_at rotate-secret' -l grace -r -f -d 'How long the old secret keeps signing too (default 24h; 0s ends it now).'
complete -c csw -n '__csw_at rotate-secret' -l secret-file -r -F -d 'Read the new secret from FILE, or \'-\' for standard input.'
complete -c csw -n '__csw_at rotate-secret' -s q -l quiet -d 'Print less, for scripts: only ids where the command prints any, and no summary.'
complete -c csw -n '__csw_at rotate-secret' -l json -d 'Print JSON for scripts instead of text.'

# csw export
complete -c csw -n '__csw_at export' -s o -l output -r -F -d 'Write to FILE, readable by its owner only, instead of standard output.'

# csw import
complete -c csw -n '__csw_at import' -s n -l dry-run -d 'Show what would change and change nothing.'
complete -c csw -n '__csw_at import' -l json -d 'Print JSON for scripts instead of text.'

# csw events
complete -c csw -n '__csw_at_command events' -a show -d 'Print the sample payload of an event.'
complete -c csw -n '__csw_at events' -l json -d 'Print JSON for scripts instead of text.'

# csw events show
complete -c csw -n '__csw_at \'events show\'' -s d -l department -r -f -a '(__csw_store departments)' -d 'Use this department id in the sample.'

# csw fire
complete -c csw -n '__csw_at fire' -s e -l event -r -f -a '(__csw_words choice3)' -d 'The event type to send.'
complete -c csw -n '__csw_at fire' -s d -l department -r -f -a '(__csw_store departments)' -d 'The department the event belongs to (default: the department_id of --data, or demo for the sample).'
complete -c csw -n '__csw_at fire' -l data -r -f -d 'Send this JSON object instead of the sample: @FILE, \'-\' for standard input, or inline.'
complete -c csw -n '__csw_at fire' -l set -r -f -d 'Set a top-level string field of the sample; repeat for several.'
complete -c csw -n '__csw_at fire' -l to -r -f -a '(__csw_store subscriptions)' -d 'Send only to this subscription; repeat for several.'
complete -c csw -n '__csw_at fire' -l retries -r -f -d 'Retry network errors, 5xx and 429 up to N times in this run (default 0).'
complete -c csw -n '__csw_at fire' -l concurrency -r -f -d 'Send at most N requests at once (default 32).'
complete -c csw -n '__csw_at fire' -l timeout -r -f -d 'Give up on a request after this long in all (default 15s).'
complete -c csw -n '__csw_at fire' -l connect-timeout -r -f -d 'Give up on connecting after this long (default 5s).'
complete -c csw -n '__csw_at fire' -s n -l dry-run -d 'Show what would change and change nothing.'
complete -c csw -n '__csw_at fire' -l json -d 'Print JSON for scripts instead of text.'
complete -c csw -n '__csw_at fire' -s q -l quiet -d 'Print less, for scripts: only ids where the command prints any, and no summary.'

# csw retry
complete -c csw -n '__csw_at retry' -l concurrency -r -f -d 'Send at most N requests at once (default 32).'
complete -c csw -n '__csw_at retry' -l timeout -r -f -d 'Give up on a request after this long in all (default 15s).'
complete -c csw -n '__csw_at retry' -l connect-timeout -r -f -d 'Give up on connecting after this long (default 5s).'
complete -c csw -n '__csw_at retry' -s n -l dry-run -d 'Show what would change and change nothing.'
complete -c csw -n '__csw_at retry' -l json -d 'Print JSON for scripts instead of text.'
complete -c csw -n '__csw_at retry' -s q -l quiet -d 'Print less, for scripts: only ids where the command prints any, and no summary.'

# csw deliveries
complete -c csw -n '__csw_at_command deliveries' -a show -d 'Show one delivery and each of its attempts.'
complete -c csw -n '__csw_at deliveries' -s s -l subscription -r -f -a '(__csw_store subscriptions)' -d 'Only deliveries to this subscription.'
complete -c csw -n '__csw_at deliveries' -s e -l event -r -f -a '(__csw_words events)' -d 'Only deliveries of this event or group.'
complete -c csw -n '__csw_at deliveries' -l failed -d 'Only deliveries that have not succeeded.'
complete -c csw -n '__csw_at deliveries' -l since -r -f -d 'Only deliveries created within this long ago, such as 1h.'
complete -c csw -n '__csw_at deliveries' -l limit -r -f -d 'Print at most N, newest first (default 100).'
complete -c csw -n '__csw_at deliveries' -l json -d 'Print JSON for scripts instead of text.'

# csw deliveries show
complete -c csw -n '__csw_at \'deliveries show\'' -l json -d 'Print JSON for scripts instead of text.'

# csw redeliver
complete -c csw -n '__csw_at redeliver' -l timeout -r -f -d 'Give up on a request after this long in all (default 15s).'
complete -c csw -n '__csw_at redeliver' -l connect-timeout -r -f -d 'Give up on connecting after this long (default 5s).'
complete -c csw -n '__csw_at redeliver' -l json -d 'Print JSON for scripts instead of text.'

# csw listen
complete -c csw -n '__csw_at listen' -s p -l port -r -f -d 'Listen on this port (default 8080; 0 picks a free one).'
complete -c csw -n '__csw_at listen' -l host -r -f -a '(__csw_words choice4)' -d 'Listen on this loopback address (default 127.0.0.1).'
complete -c csw -n '__csw_at listen' -l secret-file -r -F -d 'Read a signing secret (whsec_...) from FILE, or \'-\' for standard input; repeat for several.'
complete -c csw -n '__csw_at listen' -s s -l subscription -r -f -a '(__csw_store subscriptions)' -d 'Use the signing secrets of this subscription from the store; repeat for several.'
complete -c csw -n '__csw_at listen' -l status -r -f -d 'Answer every request with this HTTP status, 200 to 599.'
complete -c csw -n '__csw_at listen' -l count -r -f -d 'Exit after N requests.'
complete -c csw -n '__csw_at listen' -l tolerance -r -f -d 'Accept timestamps this far from now (default 5m).'
complete -c csw -n '__csw_at listen' -l json -d 'Print JSON for scripts instead of text.'

# csw verify
complete -c csw -n '__csw_at verify' -l secret-file -r -F -d 'Read a signing secret (whsec_...) from FILE, or \'-\' for standard input; repeat for several.'
complete -c csw -n '__csw_at verify' -s s -l subscription -r -f -a '(__csw_store subscriptions)' -d 'Use the signing secrets of this subscription from the store; repeat for several.'
complete -c csw -n '__csw_at verify' -l id -r -f -d 'The webhook-id header.'
complete -c csw -n '__csw_at verify' -l timestamp -r -f -d 'The webhook-timestamp header.'
complete -c csw -n '__csw_at verify' -l signature -r -f -d 'The webhook-signature header: space-separated v1,... values.'
complete -c csw -n '__csw_at verify' -l body-file -r -F -d 'Read the body from FILE instead of standard input.'
complete -c csw -n '__csw_at verify' -l tolerance -r -f -d 'Accept timestamps this far from now (default 5m).'
complete -c csw -n '__csw_at verify' -s q -l quiet -d 'Print less, for scripts: only ids where the command prints any, and no summary.'

# csw config
complete -c csw -n '__csw_at_command config' -a get -d 'Print one setting.'
complete -c csw -n '__csw_at_command config' -a set -d 'Change one setting.'
complete -c csw -n '__csw_at_command config' -a list -d 'Print every setting.'

# csw config get

# csw config set

# csw config list
complete -c csw -n '__csw_at \'config list\'' -l json -d 'Print JSON for scripts instead of text.'

# csw shell

# csw completions

# csw help

complete -c csw -n '__csw_wants subscriptions' -f -a '(__csw_store subscriptions)'
complete -c csw -n '__csw_wants files' -F
complete -c csw -n '__csw_wants choice3' -f -a '(__csw_words choice3)'
complete -c csw -n '__csw_wants deliveries' -f -a '(__csw_store deliveries)'
complete -c csw -n '__csw_wants choice5' -f -a '(__csw_words choice5)'
complete -c csw -n '__csw_wants choice6' -f -a '(__csw_words choice6)'
complete -c csw -n '__csw_wants choice7' -f -a '(__csw_words choice7)'
