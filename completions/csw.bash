# bash completion for csw.
# Generated from the command table by 'csw completions bash'; do not edit.
# Load it in a session with: source <(csw completions bash)

# Sets REPLY to the command line up to the cursor. COMP_POINT counts
# bytes, so the cut is made in the C locale.
__csw_line_to_point() {
    local LC_ALL=C
    REPLY=${COMP_LINE:0:COMP_POINT}
}

# Splits $1 into words as the shell will, removing quotes. Sets
# __csw_words (the last word is the one being completed, maybe
# empty), __csw_quote (the quote left open in it) and __csw_raw
# (that word as typed).
__csw_split() {
    local line=$1 c quote= word= raw= started=
    local -i i=0 n=${#line}
    __csw_words=()
    while (( i < n )); do
        c=${line:i:1}
        if [[ -n $quote ]]; then
            raw+=$c
            if [[ $c == "$quote" ]]; then
                quote=
            elif [[ $quote == '"' && $c == '\' ]] && (( i + 1 < n )); then
                i+=1
                c=${line:i:1}
                raw+=$c
                [[ $c == [\"\\\$\`] ]] || word+='\'
                word+=$c
            else
                word+=$c
            fi
        elif [[ $c == [[:space:]] ]]; then
            [[ -n $started ]] && __csw_words+=("$word")
            word= raw= started=
        else
            started=1
            raw+=$c
            if [[ $c == [\'\"] ]]; then
                quote=$c
            elif [[ $c == '\' ]]; then
                if (( i + 1 < n )); then
                    i+=1
                    c=${line:i:1}
                    raw+=$c
                    word+=$c
                fi
            else
                word+=$c
            fi
        fi
        i+=1
    done
    __csw_words+=("$word")
    __csw_quote=$quote
    __csw_raw=$raw
}

# Succeeds when the word after option word $2 of the command at path $1
# is the option's value, and sets REPLY to the option.
__csw_takes_next() {
    local word=$2
    local -i k
    if [[ $word == --* ]]; then
        [[ $word != *=* ]] && __csw_option_kind "$1" "$word" && REPLY=$word
        return
    fi
    # Clustered short options: the first that takes a value takes the
    # rest of the word, or the next word when it is the last letter.
    for (( k = 1; k < ${#word}; k++ )); do
        if __csw_option_kind "$1" "-${word:k:1}"; then
            (( k == ${#word} - 1 )) && REPLY=-${word:k:1}
            return
        fi
    done
    return 1
}

# Quotes each value of __csw_found the way the word being completed
# is quoted, puts $1 before it, and adds it to COMPREPLY without the
# part of the word that precedes what bash replaces. With $2 set to
# "plain" the values stay unquoted, for readline to quote file names.
__csw_reply() {
    local lead=$1 quote=$__csw_quote value full q="'" dq='"' bs='\' dollar='$' tick='`'
    local -i cut=$(( ${#__csw_raw} - ${#__csw_current} ))
    [[ $2 == plain ]] && quote=plain
    for value in "${__csw_found[@]}"; do
        case $quote in
            plain)
                full=$value
                ;;
            "$q")
                full=$q${value//"$q"/"$q$bs$q$q"}
                ;;
            "$dq")
                value=${value//"$bs"/"$bs$bs"}
                value=${value//"$dq"/"$bs$dq"}
                value=${value//"$dollar"/"$bs$dollar"}
                full=$dq${value//"$tick"/"$bs$tick"}
                ;;
            *)
                printf -v full %q "$value"
                ;;
        esac
        full=$lead$full
        (( cut > 0 )) && full=${full:cut}
        COMPREPLY+=("$full")
    done
}

# Offers the words of $3 onwards that start with $1, after lead $2.
__csw_offer_words() {
    local prefix=$1 lead=$2 word
    shift 2
    __csw_found=()
    for word in "$@"; do
        [[ $word == "$prefix"* ]] && __csw_found+=("$word")
    done
    __csw_reply "$lead"
}

# Offers values of kind $1 that start with $2, after lead $3.
__csw_offer_values() {
    local kind=$1 prefix=$2 lead=$3 file
    local -a arguments
    case $kind in
        text)
            ;;
        files)
            compopt -o filenames 2>/dev/null
            __csw_found=()
            while IFS= read -r file; do
                __csw_found+=("$file")
            done < <(compgen -f -- "$prefix")
            __csw_reply "$lead" plain
            ;;
        subscriptions|deliveries|departments)
            arguments=(__complete "$kind" "$prefix")
            [[ -n $__csw_db ]] && arguments=(--db "$__csw_db" "${arguments[@]}")
            mapfile -t __csw_list < <("$__csw_program" "${arguments[@]}" 2>/dev/null)
            __csw_offer_words "$prefix" "$lead" "${__csw_list[@]}"
            ;;
        *)
            __csw_word_list "$kind"
            __csw_offer_words "$prefix" "$lead" "${__csw_list[@]}"
            ;;
    esac
}

# The completion function: $2 is the part of the word that bash replaces.
_csw() {
    local -a __csw_words __csw_found __csw_list
    local __csw_quote __csw_raw __csw_current=$2 __csw_db= __csw_program
    local path= word pending= ended= REPLY
    local -i i=1 positional=0 last
    __csw_line_to_point
    __csw_split "$REPLY"
    last=${#__csw_words[@]}-1
    local cur=${__csw_words[last]}
    __csw_program=${__csw_words[0]}
    [[ $__csw_program == '~/'* ]] && __csw_program=$HOME/${__csw_program#'~/'}
    COMPREPLY=()

    # Walk the finished words: options and their values, the command
    # path, then positional arguments.
    while (( i < last )); do
        word=${__csw_words[i]}
        i+=1
        if [[ -n $pending ]]; then
            [[ $pending == --db ]] && __csw_db=$word
            pending=
        elif [[ -z $ended && $word == -- ]]; then
            ended=1
        elif [[ -z $ended && $word == --db=* ]]; then
            __csw_db=${word#--db=}
        elif [[ -z $ended && $word == -?* ]]; then
            __csw_takes_next "$path" "$word" && pending=$REPLY
        elif (( positional == 0 )) && __csw_subcommands "$path" && [[ " $REPLY " == *" $word "* ]]; then
            path+=${path:+ }$word
        else
            positional+=1
        fi
    done
    [[ $__csw_db == '~/'* ]] && __csw_db=$HOME/${__csw_db#'~/'}

    if [[ -n $pending ]]; then
        __csw_option_kind "$path" "$pending"
        __csw_offer_values "$REPLY" "$cur" ""
    elif [[ -z $ended && $cur == --*=* ]]; then
        __csw_option_kind "$path" "${cur%%=*}" || return 0
        __csw_offer_values "$REPLY" "${cur#*=}" "${cur%%=*}="
    elif [[ -z $ended && $cur == -* ]]; then
        __csw_options "$path"
        __csw_offer_words "$cur" "" $REPLY
    else
        local -a subcommands=()
        (( positional == 0 )) && __csw_subcommands "$path" && subcommands=($REPLY)
        __csw_offer_words "$cur" "" "${subcommands[@]}"
        if __csw_argument_kind "$path" "$positional"; then
            local -a before=("${COMPREPLY[@]}")
            COMPREPLY=()
            __csw_offer_values "$REPLY" "$cur" ""
            COMPREPLY=("${before[@]}" "${COMPREPLY[@]}")
        fi
    fi
    return 0
}

# Sets REPLY to the subcommands of the command at path $1, space-separated.
__csw_subcommands() {
    case $1 in
        '') REPLY='subscribe list show update enable disable delete rotate-secret export import events fire retry deliveries redeliver listen verify config shell completions help' ;;
        events) REPLY=show ;;
        deliveries) REPLY=show ;;
        config) REPLY='get set list' ;;
        *) REPLY= ;;
    esac
}

# Sets REPLY to the options of the command at path $1, space-separated.
__csw_options() {
    case $1 in
        '') REPLY='--db --no-input --verbose -v --help -h --version' ;;
        subscribe) REPLY='--url -u --event -e --department -d --description --secret-file --header -H --disabled --allow-private-network --ca-file --force -f --quiet -q --json --db --no-input --verbose -v --help -h' ;;
        list) REPLY='--event -e --department -d --enabled --disabled --format --json --db --no-input --verbose -v --help -h' ;;
        show) REPLY='--show-secret --json --db --no-input --verbose -v --help -h' ;;
        update) REPLY='--url -u --event -e --add-event --remove-event --add-department --remove-department --all-departments --description --header -H --remove-header --allow-private-network --deny-private-network --ca-file --default-ca --force -f --json --db --no-input --verbose -v --help -h' ;;
        enable) REPLY='--event -e --department -d --dry-run -n --yes -y --json --db --no-input --verbose -v --help -h' ;;
        disable) REPLY='--event -e --department -d --reason --dry-run -n --yes -y --json --db --no-input --verbose -v --help -h' ;;
        delete) REPLY='--yes -y --dry-run -n --db --no-input --verbose -v --help -h' ;;
        rotate-secret) REPLY='--grace --secret-file --quiet -q --json --db --no-input --verbose -v --help -h' ;;
        export) REPLY='--output -o --db --no-input --verbose -v --help -h' ;;
        import) REPLY='--dry-run -n --json --db --no-input --verbose -v --help -h' ;;
        events) REPLY='--json --db --no-input --verbose -v --help -h' ;;
        'events show') REPLY='--department -d --db --no-input --verbose -v --help -h' ;;
        fire) REPLY='--event -e --department -d --data --set --to --retries --concurrency --timeout --connect-timeout --dry-run -n --json --quiet -q --db --no-input --verbose -v --help -h' ;;
        retry) REPLY='--concurrency --timeout --connect-timeout --dry-run -n --json --quiet -q --db --no-input --verbose -v --help -h' ;;
        deliveries) REPLY='--subscription -s --event -e --failed --since --limit --json --db --no-input --verbose -v --help -h' ;;
        'deliveries show') REPLY='--json --db --no-input --verbose -v --help -h' ;;
        redeliver) REPLY='--timeout --connect-timeout --json --db --no-input --verbose -v --help -h' ;;
        listen) REPLY='--port -p --host --secret-file --subscription -s --status --count --tolerance --json --db --no-input --verbose -v --help -h' ;;
        verify) REPLY='--secret-file --subscription -s --id --timestamp --signature --body-file --tolerance --quiet -q --db --no-input --verbose -v --help -h' ;;
        config) REPLY='--db --no-input --verbose -v --help -h' ;;
        'config get') REPLY='--db --no-input --verbose -v --help -h' ;;
        'config set') REPLY='--db --no-input --verbose -v --help -h' ;;
        'config list') REPLY='--json --db --no-input --verbose -v --help -h' ;;
        shell) REPLY='--db --no-input --verbose -v --help -h' ;;
        completions) REPLY='--db --no-input --verbose -v --help -h' ;;
        help) REPLY='--db --no-input --verbose -v --help -h' ;;
        *) REPLY= ;;
    esac
}

# Sets REPLY to the kind of value that option $2 of the command at path $1
# takes, and fails when the option takes none.
__csw_option_kind() {
    case "$1|$2" in
        '|--db') REPLY=files ;;
        'subscribe|--url'|'subscribe|-u') REPLY=text ;;
        'subscribe|--event'|'subscribe|-e') REPLY=events ;;
        'subscribe|--department'|'subscribe|-d') REPLY=departments ;;
        'subscribe|--description') REPLY=text ;;
        'subscribe|--secret-file') REPLY=files ;;
        'subscribe|--header'|'subscribe|-H') REPLY=text ;;
        'subscribe|--ca-file') REPLY=files ;;
        'subscribe|--db') REPLY=files ;;
        'list|--event'|'list|-e') REPLY=events ;;
        'list|--department'|'list|-d') REPLY=departments ;;
        'list|--format') REPLY=choice2 ;;
        'list|--db') REPLY=files ;;
        'show|--db') REPLY=files ;;
        'update|--url'|'update|-u') REPLY=text ;;
        'update|--event'|'update|-e') REPLY=events ;;
        'update|--add-event') REPLY=events ;;
        'update|--remove-event') REPLY=events ;;
        'update|--add-department') REPLY=departments ;;
        'update|--remove-department') REPLY=departments ;;
        'update|--description') REPLY=text ;;
        'update|--header'|'update|-H') REPLY=text ;;
        'update|--remove-header') REPLY=text ;;
        'update|--ca-file') REPLY=files ;;
        'update|--db') REPLY=files ;;
        'enable|--event'|'enable|-e') REPLY=events ;;
        'enable|--department'|'enable|-d') REPLY=departments ;;
        'enable|--db') REPLY=files ;;
        'disable|--event'|'disable|-e') REPLY=events ;;
        'disable|--department'|'disable|-d') REPLY=departments ;;
        'disable|--reason') REPLY=text ;;
        'disable|--db') REPLY=files ;;
        'delete|--db') REPLY=files ;;
        'rotate-secret|--grace') REPLY=text ;;
        'rotate-secret|--secret-file') REPLY=files ;;
        'rotate-secret|--db') REPLY=files ;;
        'export|--output'|'export|-o') REPLY=files ;;
        'export|--db') REPLY=files ;;
        'import|--db') REPLY=files ;;
        'events|--db') REPLY=files ;;
        'events show|--department'|'events show|-d') REPLY=departments ;;
        'events show|--db') REPLY=files ;;
        'fire|--event'|'fire|-e') REPLY=choice3 ;;
        'fire|--department'|'fire|-d') REPLY=departments ;;
        'fire|--data') REPLY=text ;;
        'fire|--set') REPLY=text ;;
        'fire|--to') REPLY=subscriptions ;;
        'fire|--retries') REPLY=text ;;
        'fire|--concurrency') REPLY=text ;;
        'fire|--timeout') REPLY=text ;;
        'fire|--connect-timeout') REPLY=text ;;
        'fire|--db') REPLY=files ;;
        'retry|--concurrency') REPLY=text ;;
        'retry|--timeout') REPLY=text ;;
        'retry|--connect-timeout') REPLY=text ;;
        'retry|--db') REPLY=files ;;
        'deliveries|--subscription'|'deliveries|-s') REPLY=subscriptions ;;
        'deliveries|--event'|'deliveries|-e') REPLY=events ;;
        'deliveries|--since') REPLY=text ;;
        'deliveries|--limit') REPLY=text ;;
        'deliveries|--db') REPLY=files ;;
        'deliveries show|--db') REPLY=files ;;
        'redeliver|--timeout') REPLY=text ;;
        'redeliver|--connect-timeout') REPLY=text ;;
        'redeliver|--db') REPLY=files ;;
        'listen|--port'|'listen|-p') REPLY=text ;;
        'listen|--host') REPLY=choice4 ;;
        'listen|--secret-file') REPLY=files ;;
        'listen|--subscription'|'listen|-s') REPLY=subscriptions ;;
        'listen|--status') REPLY=text ;;
        'listen|--count') REPLY=text ;;
        'listen|--tolerance') REPLY=text ;;
        'listen|--db') REPLY=files ;;
        'verify|--secret-file') REPLY=files ;;
        'verify|--subscription'|'verify|-s') REPLY=subscriptions ;;
        'verify|--id') REPLY=text ;;
        'verify|--timestamp') REPLY=text ;;
        'verify|--signature') REPLY=text ;;
        'verify|--body-file') REPLY=files ;;
        'verify|--tolerance') REPLY=text ;;
        'verify|--db') REPLY=files ;;
        'config|--db') REPLY=files ;;
        'config get|--db') REPLY=files ;;
        'config set|--db') REPLY=files ;;
        'config list|--db') REPLY=files ;;
        'shell|--db') REPLY=files ;;
        'completions|--db') REPLY=files ;;
        'help|--db') REPLY=files ;;
        *) return 1 ;;
    esac
}

# Sets REPLY to the kind of the positional argument at index $2 (from 0)
# of the command at path $1, and fails when there is none.
__csw_argument_kind() {
    case "$1|$2" in
        'show|0') REPLY=subscriptions ;;
        'update|0') REPLY=subscriptions ;;
        'enable|'*) REPLY=subscriptions ;;
        'disable|'*) REPLY=subscriptions ;;
        'delete|'*) REPLY=subscriptions ;;
        'rotate-secret|0') REPLY=subscriptions ;;
        'import|0') REPLY=files ;;
        'events show|0') REPLY=choice3 ;;
        'deliveries show|0') REPLY=deliveries ;;
        'redeliver|0') REPLY=deliveries ;;
        'config get|0') REPLY=choice5 ;;
        'config set|0') REPLY=choice5 ;;
        'config set|1') REPLY=text ;;
        'completions|0') REPLY=choice6 ;;
        'help|0') REPLY=choice7 ;;
        'help|1') REPLY=text ;;
        *) return 1 ;;
    esac
}

# Sets __csw_list to the words of the fixed list named $1.
__csw_word_list() {
    case $1 in
        events) __csw_list=(response_created response_submitted response_analysis_modified response_analysis_completed mailing_list_subscriber_added activity_created activity_published activity_retracted activity_state_changed user_created user_suspended user_reinstated user_profile_edited user_deleted responses activities users '*') ;;
        choice2) __csw_list=(table tsv json) ;;
        choice3) __csw_list=(response_created response_submitted response_analysis_modified response_analysis_completed mailing_list_subscriber_added activity_created activity_published activity_retracted activity_state_changed user_created user_suspended user_reinstated user_profile_edited user_deleted) ;;
        choice4) __csw_list=(127.0.0.1 '::1') ;;
        choice5) __csw_list=(site-url retry-schedule) ;;
        choice6) __csw_list=(bash zsh fish) ;;
        choice7) __csw_list=(subscribe list show update enable disable delete rotate-secret export import events fire retry deliveries redeliver listen verify config shell completions help) ;;
        *) __csw_list=() ;;
    esac
}

complete -F _csw csw
