# gongshu_embed_file(VAR INPUT FUNCTION): generates a source file defining
# `const std::string& FUNCTION()` (namespace gongshu) that returns INPUT's text, and appends its
# path to VAR. Rebuilt when INPUT changes.
function(gongshu_embed_file var input function)
  set(output ${CMAKE_CURRENT_BINARY_DIR}/${function}.cc)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output} -DFUNCTION=${function}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_file.cmake
    DEPENDS ${input} ${PROJECT_SOURCE_DIR}/cmake/embed_file.cmake)
  set(${var} ${${var}} ${output} PARENT_SCOPE)
endfunction()
