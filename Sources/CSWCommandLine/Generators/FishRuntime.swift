/// The fixed part of the fish completion script: walking the tokens before
/// the cursor and listing store values. The generated functions of
/// `FishCompletion` supply the table's data.
enum FishRuntime {
    /// Returns the functions with `PROGRAM` replaced by the program's name.
    static func source(program: String) -> String {
        template.replacing("PROGRAM", with: program)
    }

    private static let template = #"""
        function __PROGRAM_takes_next --argument-names path word --description 'Test whether the next token is the value of this option'
            if string match -q -- '--*' $word
                string match -q -- '*=*' $word; and return 1
                contains -- $word (__PROGRAM_value_options $path)
                return
            end
            # Clustered short options: the first that takes a value takes the
            # rest of the token, or the next token when it is the last letter.
            set -l letters (string split '' -- (string sub -s 2 -- $word))
            for i in (seq (count $letters))
                if contains -- -$letters[$i] (__PROGRAM_value_options $path)
                    test $i -eq (count $letters)
                    return
                end
            end
            return 1
        end

        function __PROGRAM_walk --description 'Print "POSITIONAL|PATH" for the tokens before the cursor'
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
                    __PROGRAM_takes_next "$path" $word; and set pending 1
                else if test $positional -eq 0; and contains -- $word (__PROGRAM_subcommands "$path")
                    set -a path $word
                else
                    set positional (math $positional + 1)
                end
            end
            echo "$positional|$path"
        end

        function __PROGRAM_state --description 'Print the walk of the current line, computed once per line'
            set -l line (commandline -cp)
            if not set -q __PROGRAM_state_line; or test "$__PROGRAM_state_line" != "$line"
                set -g __PROGRAM_state_line $line
                set -g __PROGRAM_state_value (__PROGRAM_walk)
            end
            string split -m 1 '|' -- $__PROGRAM_state_value
        end

        function __PROGRAM_at --argument-names key --description 'Test whether the command path is KEY'
            set -l state (__PROGRAM_state)
            test "$state[2]" = "$key"
        end

        function __PROGRAM_at_command --argument-names key --description 'Test whether the path is KEY and no argument follows it'
            set -l state (__PROGRAM_state)
            test "$state[2]" = "$key"; and test $state[1] -eq 0
        end

        function __PROGRAM_wants --argument-names kind --description 'Test whether the next positional argument is of this kind'
            set -l state (__PROGRAM_state)
            set -l actual (__PROGRAM_argument_kind "$state[2]" $state[1])
            test "$actual" = "$kind"
        end

        function __PROGRAM_store --argument-names kind --description 'Print store values of a kind, using any --db on the line'
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

        """#
}
