/// The fixed part of the bash completion script: splitting the line, walking
/// the words, and turning candidates into replies. The generated functions
/// of `BashCompletion` supply the table's data.
enum BashRuntime {
    /// Returns the functions with `PROGRAM` replaced by the program's name.
    static func source(program: String) -> String {
        template.replacing("PROGRAM", with: program)
    }

    private static let template = #"""
        # Sets REPLY to the command line up to the cursor. COMP_POINT counts
        # bytes, so the cut is made in the C locale.
        __PROGRAM_line_to_point() {
            local LC_ALL=C
            REPLY=${COMP_LINE:0:COMP_POINT}
        }

        # Splits $1 into words as the shell will, removing quotes. Sets
        # __PROGRAM_words (the last word is the one being completed, maybe
        # empty), __PROGRAM_quote (the quote left open in it) and __PROGRAM_raw
        # (that word as typed).
        __PROGRAM_split() {
            local line=$1 c quote= word= raw= started=
            local -i i=0 n=${#line}
            __PROGRAM_words=()
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
                    [[ -n $started ]] && __PROGRAM_words+=("$word")
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
            __PROGRAM_words+=("$word")
            __PROGRAM_quote=$quote
            __PROGRAM_raw=$raw
        }

        # Succeeds when the word after option word $2 of the command at path $1
        # is the option's value, and sets REPLY to the option.
        __PROGRAM_takes_next() {
            local word=$2
            local -i k
            if [[ $word == --* ]]; then
                [[ $word != *=* ]] && __PROGRAM_option_kind "$1" "$word" && REPLY=$word
                return
            fi
            # Clustered short options: the first that takes a value takes the
            # rest of the word, or the next word when it is the last letter.
            for (( k = 1; k < ${#word}; k++ )); do
                if __PROGRAM_option_kind "$1" "-${word:k:1}"; then
                    (( k == ${#word} - 1 )) && REPLY=-${word:k:1}
                    return
                fi
            done
            return 1
        }

        # Quotes each value of __PROGRAM_found the way the word being completed
        # is quoted, puts $1 before it, and adds it to COMPREPLY without the
        # part of the word that precedes what bash replaces. With $2 set to
        # "plain" the values stay unquoted, for readline to quote file names.
        __PROGRAM_reply() {
            local lead=$1 quote=$__PROGRAM_quote value full q="'" dq='"' bs='\' dollar='$' tick='`'
            local -i cut=$(( ${#__PROGRAM_raw} - ${#__PROGRAM_current} ))
            [[ $2 == plain ]] && quote=plain
            for value in "${__PROGRAM_found[@]}"; do
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
        __PROGRAM_offer_words() {
            local prefix=$1 lead=$2 word
            shift 2
            __PROGRAM_found=()
            for word in "$@"; do
                [[ $word == "$prefix"* ]] && __PROGRAM_found+=("$word")
            done
            __PROGRAM_reply "$lead"
        }

        # Offers values of kind $1 that start with $2, after lead $3.
        __PROGRAM_offer_values() {
            local kind=$1 prefix=$2 lead=$3 file
            local -a arguments
            case $kind in
                text)
                    ;;
                files)
                    compopt -o filenames 2>/dev/null
                    __PROGRAM_found=()
                    while IFS= read -r file; do
                        __PROGRAM_found+=("$file")
                    done < <(compgen -f -- "$prefix")
                    __PROGRAM_reply "$lead" plain
                    ;;
                subscriptions|deliveries|departments)
                    arguments=(__complete "$kind" "$prefix")
                    [[ -n $__PROGRAM_db ]] && arguments=(--db "$__PROGRAM_db" "${arguments[@]}")
                    mapfile -t __PROGRAM_list < <("$__PROGRAM_program" "${arguments[@]}" 2>/dev/null)
                    __PROGRAM_offer_words "$prefix" "$lead" "${__PROGRAM_list[@]}"
                    ;;
                *)
                    __PROGRAM_word_list "$kind"
                    __PROGRAM_offer_words "$prefix" "$lead" "${__PROGRAM_list[@]}"
                    ;;
            esac
        }

        # The completion function: $2 is the part of the word that bash replaces.
        _PROGRAM() {
            local -a __PROGRAM_words __PROGRAM_found __PROGRAM_list
            local __PROGRAM_quote __PROGRAM_raw __PROGRAM_current=$2 __PROGRAM_db= __PROGRAM_program
            local path= word pending= ended= REPLY
            local -i i=1 positional=0 last
            __PROGRAM_line_to_point
            __PROGRAM_split "$REPLY"
            last=${#__PROGRAM_words[@]}-1
            local cur=${__PROGRAM_words[last]}
            __PROGRAM_program=${__PROGRAM_words[0]}
            [[ $__PROGRAM_program == '~/'* ]] && __PROGRAM_program=$HOME/${__PROGRAM_program#'~/'}
            COMPREPLY=()

            # Walk the finished words: options and their values, the command
            # path, then positional arguments.
            while (( i < last )); do
                word=${__PROGRAM_words[i]}
                i+=1
                if [[ -n $pending ]]; then
                    [[ $pending == --db ]] && __PROGRAM_db=$word
                    pending=
                elif [[ -z $ended && $word == -- ]]; then
                    ended=1
                elif [[ -z $ended && $word == --db=* ]]; then
                    __PROGRAM_db=${word#--db=}
                elif [[ -z $ended && $word == -?* ]]; then
                    __PROGRAM_takes_next "$path" "$word" && pending=$REPLY
                elif (( positional == 0 )) && __PROGRAM_subcommands "$path" && [[ " $REPLY " == *" $word "* ]]; then
                    path+=${path:+ }$word
                else
                    positional+=1
                fi
            done
            [[ $__PROGRAM_db == '~/'* ]] && __PROGRAM_db=$HOME/${__PROGRAM_db#'~/'}

            if [[ -n $pending ]]; then
                __PROGRAM_option_kind "$path" "$pending"
                __PROGRAM_offer_values "$REPLY" "$cur" ""
            elif [[ -z $ended && $cur == --*=* ]]; then
                __PROGRAM_option_kind "$path" "${cur%%=*}" || return 0
                __PROGRAM_offer_values "$REPLY" "${cur#*=}" "${cur%%=*}="
            elif [[ -z $ended && $cur == -* ]]; then
                __PROGRAM_options "$path"
                __PROGRAM_offer_words "$cur" "" $REPLY
            else
                local -a subcommands=()
                (( positional == 0 )) && __PROGRAM_subcommands "$path" && subcommands=($REPLY)
                __PROGRAM_offer_words "$cur" "" "${subcommands[@]}"
                if __PROGRAM_argument_kind "$path" "$positional"; then
                    local -a before=("${COMPREPLY[@]}")
                    COMPREPLY=()
                    __PROGRAM_offer_values "$REPLY" "$cur" ""
                    COMPREPLY=("${before[@]}" "${COMPREPLY[@]}")
                fi
            fi
            return 0
        }

        """#
}
